// Options: the trusted origins (list, remove) and the report log (list, export JSON / CSV, delete). Every time is
// Japan time, labelled (shared/clock.js), as in the report itself.
import { timeText, jstIso, jstDate } from '../shared/clock.js';
const UI = globalThis.OmamoriUI;
const api = UI.api;
const { msg, h } = UI;
const el = (...a) => h(document, ...a);

document.documentElement.lang = UI.LANG;
document.title = msg('options_title');
for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = msg(node.dataset.i18n);

const status = document.getElementById('status');
const say = (text) => { status.textContent = text; };

const { ask } = UI;

const CHANNEL_KEYS = { antiphishing_mail: 'channel_antiphishing_mail', safe_browsing: 'channel_safe_browsing', brand_site: 'channel_brand_site' };
const channelNames = (r) => [...new Set((r.channels || []).map((c) => c.channel))].map((c) => msg(CHANNEL_KEYS[c] || '') || c);

async function renderTrusted() {
  const box = document.getElementById('trusted');
  const r = await ask({ type: 'list-trusted' });
  const list = r ? r.trusted : [];
  if (!list.length) {
    box.replaceChildren(el('p', { class: 'empty' }, msg('options_trusted_empty')));
    return;
  }
  const rows = list.map((t) => {
    const b = el('button', { type: 'button', 'aria-label': msg('options_untrust_label', t.origin) }, msg('options_untrust'));
    b.addEventListener('click', async () => {
      b.disabled = true;
      await ask({ type: 'untrust-origin', origin: t.origin });
      say(msg('options_untrusted_done', t.origin));
      await renderTrusted();
    });
    return el('tr', null,
      el('td', { class: 'url', dir: 'ltr' }, t.origin),
      el('td', null, t.added ? timeText(t.added) : ''),
      el('td', null, b));
  });
  box.replaceChildren(el('table', null,
    el('thead', null, el('tr', null,
      el('th', { scope: 'col' }, msg('options_col_site')),
      el('th', { scope: 'col' }, msg('options_col_added')),
      el('th', { scope: 'col' }, el('span', { class: 'visually-hidden' }, msg('options_col_actions'))))),
    el('tbody', null, rows)));
}

let reports = [];
async function renderReports() {
  const box = document.getElementById('reports');
  const r = await ask({ type: 'list-reports' });
  reports = r ? r.reports : [];
  for (const id of ['export-json', 'export-csv', 'delete-all']) document.getElementById(id).disabled = !reports.length;
  if (!reports.length) {
    box.replaceChildren(el('p', { class: 'empty' }, msg('options_reports_empty')));
    return;
  }
  const rows = reports.map((rep) => {
    const b = el('button', { type: 'button', 'aria-label': msg('options_delete_label', rep.url) }, msg('options_delete'));
    b.addEventListener('click', async () => {
      b.disabled = true;
      await ask({ type: 'delete-reports', ids: [rep.id] });
      say(msg('options_deleted_done'));
      await renderReports();
    });
    return el('tr', null,
      el('td', null, timeText(rep.time)),
      el('td', null, el('div', { class: 'url', dir: 'ltr' }, rep.url), rep.host ? el('div', null, UI.hostLine(document, rep.host, rep.registrable_domain)) : null),
      el('td', null, UI.pick(rep.brand_name) || '—'),
      el('td', null, UI.joinList(channelNames(rep))),
      el('td', null, b));
  });
  box.replaceChildren(el('table', null,
    el('thead', null, el('tr', null,
      el('th', { scope: 'col' }, msg('options_col_time')),
      el('th', { scope: 'col' }, msg('options_col_url')),
      el('th', { scope: 'col' }, msg('options_col_brand')),
      el('th', { scope: 'col' }, msg('options_col_channels')),
      el('th', { scope: 'col' }, el('span', { class: 'visually-hidden' }, msg('options_col_actions'))))),
    el('tbody', null, rows)));
}

function download(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = el('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

const stamp = () => jstDate(Date.now());

document.getElementById('export-json').addEventListener('click', () => {
  // times as Japan time with its offset (2026-11-21T15:04:05+09:00), as everywhere a person reads them
  const out = reports.map((r) => ({
    ...r, time: jstIso(r.time), channels: (r.channels || []).map((c) => ({ ...c, time: jstIso(c.time) })),
  }));
  download(`omamori-reports-${stamp()}.json`, 'application/json', JSON.stringify(out, null, 2) + '\n');
  say(msg('options_exported'));
});

function csvCell(v) {
  let s = String(v ?? '');
  if (/^[=+\-@\t\r]/.test(s)) s = "'" + s; // no formulas when opened in a spreadsheet
  return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
}
document.getElementById('export-csv').addEventListener('click', () => {
  const head = ['time_jst', 'url', 'host', 'registrable_domain', 'brand', 'brand_name_ja', 'brand_name_en', 'level', 'reasons', 'channels'];
  const lines = [head.join(',')];
  for (const r of reports) {
    lines.push([
      jstIso(r.time), r.url, r.host, r.registrable_domain || '', r.brand || '',
      r.brand_name ? r.brand_name.ja : '', r.brand_name ? r.brand_name.en : '', r.level || '',
      (r.reasons || []).map((x) => x.code).join(' '), [...new Set((r.channels || []).map((c) => c.channel))].join(' '),
    ].map(csvCell).join(','));
  }
  // BOM: so that spreadsheet software reads the Japanese as UTF-8.
  download(`omamori-reports-${stamp()}.csv`, 'text/csv;charset=utf-8', '\ufeff' + lines.join('\r\n') + '\r\n');
  say(msg('options_exported'));
});

document.getElementById('delete-all').addEventListener('click', async () => {
  if (!confirm(msg('options_delete_all_confirm'))) return;
  await ask({ type: 'delete-reports', all: true });
  say(msg('options_deleted_done'));
  await renderReports();
});

api.storage.onChanged.addListener((changes, area) => {
  if (area !== 'local') return;
  if (changes.trusted) renderTrusted();
  if (changes.reports) renderReports();
});

await Promise.all([renderTrusted(), renderReports()]);
