// The extension's own warning page: warning.html?url=<blocked URL>&brand=<brand id>[&reason=tampered&top=<tab URL>]
// A web page cannot script or cover this page. Same content and actions as the in-page warning.
const UI = globalThis.OmamoriUI;
const api = UI.api;
const params = new URLSearchParams(location.search);
const blockedUrl = UI.httpUrl(params.get('url') || '');
const brandParam = (params.get('brand') || '').slice(0, 64);
const reason = params.get('reason') || '';
const returnTo = UI.httpUrl(params.get('top') || '');

document.documentElement.lang = UI.LANG;
document.title = UI.msg('warning_page_title');
const style = document.createElement('style');
style.textContent = UI.CARD_CSS;
document.head.append(style);

const { ask } = UI;

let verdict = null;
if (blockedUrl) {
  const r = await ask({ type: 'url-verdict', url: blockedUrl });
  if (r) verdict = r.verdict;
}
if (!verdict || !verdict.level) {
  // The background could not answer: still warn, with what the address bar gave us.
  verdict = { level: 'danger', brand: brandParam || null, brand_name: null, host: blockedUrl ? UI.hostOf(blockedUrl) : '',
    registrable_domain: null, reasons: [], go_instead: null, fields: [] };
}
verdict = { ...verdict, reasons: Array.isArray(verdict.reasons) ? verdict.reasons.slice() : [] };
if (reason === 'tampered') {
  verdict.reasons.unshift({ code: 'guard-tampered', severity: 'danger', ja: UI.msg('reason_tampered'), en: UI.msg('reason_tampered') });
}

const main = document.getElementById('main');
const built = UI.buildWarningCard(document, verdict, { idPrefix: 'w-', headingTag: 'h1' });
main.setAttribute('aria-labelledby', built.titleId);
main.setAttribute('aria-describedby', built.descId);
if (blockedUrl) {
  const addr = built.card.querySelector('.om-addr');
  const line = UI.h(document, 'p', { class: 'om-note' }, UI.msg('warning_blocked_url') + ' ',
    UI.h(document, 'span', { class: 'om-blocked-url', dir: 'ltr' }, blockedUrl.length > 300 ? blockedUrl.slice(0, 300) + '…' : blockedUrl));
  if (addr) addr.append(line);
  else built.card.querySelector('.om-lead').after(line);
}
if (!blockedUrl) {
  built.report.hidden = true;
  built.proceed.hidden = true;
  built.wrong.hidden = true;
  built.card.querySelector('.om-continue-note').hidden = true;
}
main.append(built.card);
built.leave.focus();

let busy = false;
async function once(fn) {
  if (busy) return;
  busy = true;
  document.body.classList.add('om-busy');
  try {
    await fn();
  } finally {
    busy = false;
    document.body.classList.remove('om-busy');
  }
}

function leave() {
  const top = UI.httpUrl(verdict.go_instead && verdict.go_instead.top);
  if (top) location.replace(top);
  else if (history.length > 1) history.back();
  else location.replace('about:blank');
}

built.leave.addEventListener('click', () => once(leave));
built.report.addEventListener('click', () => once(async () => {
  await ask({ type: 'open-report', url: blockedUrl });
}));
built.wrong.addEventListener('click', () => once(async () => {
  await ask({ type: 'open-report', url: blockedUrl, mode: 'wrong' });
}));
built.proceed.addEventListener('click', () => once(async () => {
  const r = await ask({ type: 'trust-origin', url: blockedUrl });
  if (!r) return;
  location.replace(reason === 'tampered' && returnTo ? returnTo : blockedUrl);
}));
document.addEventListener('keydown', (e) => {
  if (e.key === 'Escape' && !e.defaultPrevented) {
    e.preventDefault();
    once(leave);
  }
});
