// The report flow, one page for the in-page warning, the warning page, the popup and the link check:
//   report.html?id=<draft>              shows exactly what will be sent and where, then opens the pre-filled
//                                       report the person picks (e-mail to the Council of Anti-Phishing Japan,
//                                       Google Safe Browsing's report page, the brand's own contact). Each use
//                                       is logged locally, and the site is warned on from then on.
//   report.html?id=<draft>&mode=wrong   "this warning is wrong": a pre-filled message for the project that the
//                                       person copies (the project has no address of its own to send it to), and
//                                       trusting the site.
// A draft holds the URL (without query and fragment; the address its site had before the person's first input
// there: background/before-input.js), the domain, the brand, the reasons and the time: never anything typed into
// the page (the content script never reads field values). Times are Japan time, labelled (shared/clock.js).
import { loadLocale, fillMessage as fmt } from '../shared/locales.js';
import { jstTime, timeText } from '../shared/clock.js';
const UI = globalThis.OmamoriUI;
const api = UI.api;
const { msg, h } = UI;
const el = (...a) => h(document, ...a);

const params = new URLSearchParams(location.search);
const MODE = params.get('mode') === 'wrong' ? 'wrong' : 'report';
document.documentElement.lang = UI.LANG;
const pageTitle = MODE === 'wrong' ? msg('wrong_title') : msg('report_title');
document.title = pageTitle + ' - Omamori';
document.getElementById('page-title').textContent = pageTitle;
const main = document.getElementById('main');

const { ask } = UI;


const reasonsIn = (d, lang) => d.reasons.map((r) => r[lang] || r.ja || r.en).filter(Boolean);

function mailText(L, lang, d) {
  const brand = d.brand_name ? (d.brand_name[lang] || d.brand_name.ja || '') : '';
  const lines = [
    fmt(L, 'mail_body_intro'), '',
    fmt(L, 'mail_body_url', d.url),
    fmt(L, 'mail_body_brand', brand || fmt(L, 'mail_body_brand_unknown')),
    fmt(L, 'mail_body_time', jstTime(d.created)),
  ];
  const reasons = reasonsIn(d, lang);
  if (reasons.length) {
    lines.push('', fmt(L, 'mail_body_reasons'));
    for (const r of reasons) lines.push('・' + r);
  }
  lines.push('', fmt(L, 'mail_body_outro'));
  return lines.join('\n');
}

/** <dl> of what goes where: [[label, value node or text], …] */
const facts = (rows) => el('dl', { class: 'exact' }, rows.flatMap(([k, v]) => [el('dt', null, k), el('dd', null, v)]));

const id = params.get('id') || '';
const r = await ask({ type: 'report-draft', id });
main.setAttribute('aria-busy', 'false');
if (!r) {
  main.append(el('p', null, msg('report_missing')));
} else if (MODE === 'wrong') {
  renderWrong(r.draft);
} else {
  await renderReport(r.draft, r.reported);
}
document.body.dataset.ready = 'true';

// ------------------------------------------------------------------ report a site
async function renderReport(d, reported) {
  const brand = UI.pick(d.brand_name);
  const [ja, en] = await Promise.all([loadLocale(api, 'ja'), loadLocale(api, 'en')]);

  main.append(el('p', null, msg('report_intro')));
  main.append(el('h2', null, msg('report_sent_heading')));
  const reasons = reasonsIn(d, UI.LANG);
  const dl = el('dl', { class: 'summary' },
    el('dt', null, msg('report_field_url')), el('dd', null, el('span', { class: 'url', dir: 'ltr', id: 'report-url' }, d.url),
      d.url_trimmed ? el('div', { class: 'note' }, msg('report_url_trimmed')) : null),
    el('dt', null, msg('report_field_host')), el('dd', null, UI.hostLine(document, d.host, d.registrable_domain)),
    el('dt', null, msg('report_field_brand')), el('dd', null, brand || msg('report_brand_unknown')),
    el('dt', null, msg('report_field_reasons')), el('dd', null, reasons.length ? el('ul', null, reasons.map((t) => el('li', null, t))) : '—'),
    el('dt', null, msg('report_field_time')), el('dd', { id: 'report-time' }, timeText(d.created)));
  main.append(el('div', { class: 'sent' }, dl, el('p', { class: 'note never' }, msg('report_never_typed'))));

  main.append(el('h2', null, msg('report_where_heading')));
  main.append(el('p', { class: 'note' }, msg('report_where_intro')));
  const done = el('p', { class: 'done', role: 'status', 'aria-live': 'polite', id: 'report-status' });
  const logged = async (channel) => {
    const res = await ask({ type: 'report-sent', id: d.id, channel });
    done.textContent = res ? msg('report_logged') : msg('report_log_failed');
  };
  const dest = el('ol', { class: 'dest' });

  // 1. The Council of Anti-Phishing Japan, by e-mail (Japanese; an English copy follows when the UI is English).
  let body = mailText(ja, 'ja', d);
  if (UI.LANG === 'en') body += '\n\n----\n' + mailText(en, 'en', d);
  const subject = fmt(ja, 'mail_subject', d.host);
  const TO = 'info@antiphishing.jp';
  const mailto = `mailto:${TO}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body)}`;
  const mailLink = el('a', { class: 'btn', href: mailto, id: 'mail-link', 'data-channel': 'antiphishing_mail' }, msg('report_mail_button'));
  mailLink.addEventListener('click', () => { logged('antiphishing_mail'); });
  dest.append(el('li', { id: 'dest-mail' },
    el('h3', null, msg('channel_antiphishing_mail')),
    el('p', null, msg('report_mail_desc')),
    facts([
      [msg('report_to'), el('span', { class: 'url', dir: 'ltr' }, TO)],
      [msg('report_subject'), subject],
      [msg('report_body'), el('pre', { class: 'mail-body', id: 'mail-body', tabindex: '0' }, body)],
    ]),
    mailLink));

  // 2. Google Safe Browsing: its report page, with the URL filled in.
  const SB_PAGE = 'https://safebrowsing.google.com/safebrowsing/report_phish/';
  const sb = `${SB_PAGE}?url=${encodeURIComponent(d.url)}&hl=${UI.LANG}`;
  const sbButton = el('button', { type: 'button', class: 'btn', id: 'sb-button', 'data-channel': 'safe_browsing', 'data-href': sb }, msg('report_sb_button'));
  sbButton.addEventListener('click', async () => {
    await api.tabs.create({ url: sb });
    logged('safe_browsing');
  });
  dest.append(el('li', { id: 'dest-sb' },
    el('h3', null, msg('channel_safe_browsing')),
    el('p', null, msg('report_sb_desc')),
    facts([
      [msg('report_page'), el('span', { class: 'url', dir: 'ltr' }, SB_PAGE)],
      [msg('report_filled_in'), el('span', { class: 'url', dir: 'ltr' }, d.url)],
    ]),
    sbButton));

  // 3. The brand's own contact (knowledge base): its page about phishing (or its top page) and its phones.
  const official = d.official || {};
  const page = UI.httpUrl(official.phishing_info || official.top);
  const phones = Array.isArray(official.phones) ? official.phones : [];
  if (brand && (page || phones.length)) {
    const item = el('li', { id: 'dest-brand' },
      el('h3', null, msg('report_brand_heading', brand)),
      el('p', null, msg('report_brand_desc', brand)));
    const rows = [];
    if (page) rows.push([msg('report_page'), el('span', { class: 'url', dir: 'ltr' }, page)]);
    if (phones.length) {
      rows.push([msg('report_phones'), el('ul', { class: 'phones' }, phones.map((p) => {
        const tel = String(p.number).replace(/[^0-9+]/g, '');
        return el('li', null, el('a', { href: 'tel:' + tel, dir: 'ltr' }, p.number), ' ', el('span', { class: 'note' }, UI.pick(p)));
      }))]);
    }
    item.append(facts(rows));
    item.append(el('p', { class: 'note' }, msg('report_brand_note')));
    if (page) {
      const b = el('button', { type: 'button', class: 'btn', id: 'brand-button', 'data-channel': 'brand_site', 'data-href': page }, msg('report_brand_button', brand));
      b.addEventListener('click', async () => {
        await api.tabs.create({ url: page });
        logged('brand_site');
      });
      item.append(b);
    }
    dest.append(item);
  }
  main.append(dest, done);
  if (reported) done.textContent = msg('report_already');
  main.append(el('p', { class: 'note' }, msg('report_after')));
  main.append(el('p', { class: 'note' }, msg('report_police')));
}

// ------------------------------------------------------------------ "this warning is wrong"
function renderWrong(d) {
  const brand = UI.pick(d.brand_name);
  const codes = d.reasons.map((x) => x.code).filter(Boolean);
  // the message, for the person to copy and send to the project: what was warned on and why, never anything typed
  const text = [
    msg('wrong_msg_subject', d.host), '',
    msg('wrong_msg_intro'), '',
    `- ${msg('report_field_url')}: ${d.url}`,
    `- ${msg('report_field_host')}: ${d.host}${d.registrable_domain && d.registrable_domain !== d.host ? ` (${d.registrable_domain})` : ''}`,
    `- ${msg('wrong_msg_level')}: ${d.level}${d.brand ? ` / ${msg('wrong_msg_brand')}: ${d.brand}${brand ? ` (${brand})` : ''}` : ''}`,
    `- ${msg('wrong_msg_rules')}: ${codes.join(', ') || '-'}`,
    `- ${msg('report_field_time')}: ${timeText(d.created)}`,
    `- Omamori: ${d.version || ''}`,
    '', msg('wrong_msg_why'), '', msg('wrong_msg_why_placeholder'),
  ].join('\n');

  main.append(el('p', null, msg('wrong_intro')));
  main.append(el('h2', null, msg('wrong_sent_heading')));
  const pre = el('pre', { class: 'mail-body', id: 'wrong-message', tabindex: '0' }, text);
  main.append(el('div', { class: 'sent' }, pre, el('p', { class: 'note never' }, msg('report_never_typed'))));
  const copyStatus = el('p', { class: 'done', role: 'status', 'aria-live': 'polite', id: 'copy-status' });
  const copy = el('button', { type: 'button', class: 'btn', id: 'copy-button' }, msg('wrong_copy_button'));
  copy.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(text);
      copyStatus.textContent = msg('wrong_copied');
    } catch {
      // no clipboard: the text selected, for the person to copy themselves
      const range = document.createRange();
      range.selectNodeContents(pre);
      const sel = getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
      copyStatus.textContent = msg('wrong_copy_failed');
    }
  });
  main.append(el('p', null, copy), copyStatus);

  main.append(el('h2', null, msg('wrong_trust_heading')));
  main.append(el('p', null, msg('wrong_trust_text', d.origin)));
  const status = el('p', { class: 'done', role: 'status', 'aria-live': 'polite', id: 'trust-status' });
  const trust = el('button', { type: 'button', class: 'btn', id: 'trust-button' }, msg('wrong_trust_button'));
  const showTrusted = () => {
    trust.disabled = true;
    status.replaceChildren(msg('wrong_trusted_done', d.origin), ' ',
      el('a', { href: d.url, dir: 'ltr', id: 'open-site' }, msg('wrong_open_site')));
  };
  trust.addEventListener('click', async () => {
    trust.disabled = true;
    const res = await ask({ type: 'trust-origin', origin: d.origin, url: d.url });
    if (res) showTrusted();
    else {
      trust.disabled = false;
      status.textContent = msg('wrong_trust_failed');
    }
  });
  main.append(el('p', null, trust), status);
  if (d.trusted) showTrusted();
  main.append(el('p', { class: 'note' }, msg('wrong_undo_note')));
}
