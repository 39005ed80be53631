// The report flow: shows exactly what will be sent (URL, the brand it pretends to be, reasons, time — never
// anything typed into the page), then opens the channel the person picks. Each use is logged locally.
const UI = globalThis.OmamoriUI;
const api = UI.api;
const { msg, h } = UI;
const el = (...a) => h(document, ...a);

document.documentElement.lang = UI.LANG;
document.title = msg('report_title');
document.getElementById('page-title').textContent = msg('report_title');
const main = document.getElementById('main');

async function ask(message) {
  try {
    const r = await api.runtime.sendMessage(message);
    return r && r.ok ? r : null;
  } catch {
    return null;
  }
}

/** Messages of one locale file (the mail to the Council is always written in Japanese). */
async function loadLocale(lang) {
  try {
    const r = await fetch(api.runtime.getURL(`_locales/${lang}/messages.json`));
    return await r.json();
  } catch {
    return {};
  }
}
function fmt(messages, key, subs = []) {
  subs = [].concat(subs);
  const e = messages[key];
  if (!e) return '';
  return e.message.replace(/\$([A-Za-z0-9_@]+)\$/g, (all, name) => {
    const ph = e.placeholders && e.placeholders[name.toLowerCase()];
    if (!ph) return all;
    const m = /^\$(\d)$/.exec(ph.content);
    return m ? String(subs[Number(m[1]) - 1] ?? '') : ph.content;
  }).replace(/\$\$/g, '$');
}

function timeIn(lang, ms) {
  try {
    return new Date(ms).toLocaleString(lang === 'ja' ? 'ja-JP' : 'en-GB', {
      timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
    });
  } catch {
    return new Date(ms).toISOString();
  }
}

function mailText(L, lang, d) {
  const brand = d.brand_name ? (d.brand_name[lang] || d.brand_name.ja || '') : '';
  const lines = [
    fmt(L, 'mail_body_intro'), '',
    fmt(L, 'mail_body_url', d.url),
    fmt(L, 'mail_body_brand', brand || fmt(L, 'mail_body_brand_unknown')),
    fmt(L, 'mail_body_time', timeIn(lang, d.created)),
  ];
  const reasons = d.reasons.map((r) => r[lang] || r.ja || r.en).filter(Boolean);
  if (reasons.length) {
    lines.push('', fmt(L, 'mail_body_reasons'));
    for (const r of reasons) lines.push('・' + r);
  }
  lines.push('', fmt(L, 'mail_body_outro'));
  return lines.join('\n');
}

const id = new URLSearchParams(location.search).get('id') || '';
const r = await ask({ type: 'report-draft', id });
main.setAttribute('aria-busy', 'false');
if (!r) {
  main.append(el('p', null, msg('report_missing')));
} else {
  const d = r.draft;
  const brand = UI.pick(d.brand_name);
  const [ja, en] = await Promise.all([loadLocale('ja'), loadLocale('en')]);

  main.append(el('p', null, msg('report_intro')));
  main.append(el('h2', null, msg('report_sent_heading')));
  const reasons = d.reasons.map((x) => UI.pick(x)).filter(Boolean);
  const dl = el('dl', null,
    el('dt', null, msg('report_field_url')), el('dd', null, el('span', { class: 'url', dir: 'ltr' }, d.url),
      d.url_trimmed ? el('div', { class: 'note' }, msg('report_url_trimmed')) : null),
    el('dt', null, msg('report_field_host')), el('dd', null, UI.hostLine(document, d.host, d.registrable_domain)),
    el('dt', null, msg('report_field_brand')), el('dd', null, brand || msg('report_brand_unknown')),
    el('dt', null, msg('report_field_reasons')), el('dd', null, reasons.length ? el('ul', null, reasons.map((t) => el('li', null, t))) : '—'),
    el('dt', null, msg('report_field_time')), el('dd', null, timeIn(UI.LANG, d.created)));
  main.append(el('div', { class: 'sent' }, dl, el('p', { class: 'note never' }, msg('report_never_typed'))));

  main.append(el('h2', null, msg('report_where_heading')));
  const done = el('p', { class: 'done', role: 'status', 'aria-live': 'polite' });
  const logged = async (channel) => {
    const res = await ask({ type: 'report-sent', id: d.id, channel });
    done.textContent = res ? msg('report_logged') : msg('report_log_failed');
  };

  // 1. The Council of Anti-Phishing Japan, by e-mail (Japanese; an English copy follows when the UI is English).
  let body = mailText(ja, 'ja', d);
  if (UI.LANG === 'en') body += '\n\n----\n' + mailText(en, 'en', d);
  const subject = fmt(ja, 'mail_subject', d.host);
  const mailto = `mailto:info@antiphishing.jp?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body)}`;
  const mailLink = el('a', { class: 'btn', href: mailto }, msg('report_mail_button'));
  mailLink.addEventListener('click', () => { logged('antiphishing_mail'); });

  // 2. Google Safe Browsing.
  const sb = `https://safebrowsing.google.com/safebrowsing/report_phish/?url=${encodeURIComponent(d.url)}&hl=${UI.LANG}`;
  const sbButton = el('button', { type: 'button', class: 'btn' }, msg('report_sb_button'));
  sbButton.addEventListener('click', async () => {
    await api.tabs.create({ url: sb });
    logged('safe_browsing');
  });

  const dest = el('ul', { class: 'dest' },
    el('li', null, mailLink, el('p', null, msg('report_mail_desc'))),
    el('li', null, sbButton, el('p', null, msg('report_sb_desc'))));

  // 3. The brand's own page about phishing (or its top page).
  const official = UI.httpUrl(d.official && (d.official.phishing_info || d.official.top));
  if (official && brand) {
    const b = el('button', { type: 'button', class: 'btn' }, msg('report_brand_button', brand));
    b.addEventListener('click', async () => {
      await api.tabs.create({ url: official });
      logged('brand_site');
    });
    dest.append(el('li', null, b, el('p', null, msg('report_brand_desc', brand)), el('p', { class: 'url', dir: 'ltr' }, official)));
  }
  main.append(dest, done);
  if (r.reported) done.textContent = msg('report_already');
  main.append(el('p', { class: 'note' }, msg('report_after')));
  main.append(el('p', { class: 'note' }, msg('report_police')));
}
