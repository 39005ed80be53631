// The extension's own warning page, which no web page can draw over, restyle, rewrite, script or click:
//   warning.html?url=<page>&brand=<id>[&frame=<frame's address>]&v=<token>   a page-level danger (the page's verdict)
//   warning.html?url=<link's destination>&brand=<id>&kind=link&v=<token>     a held deceptive link (or form)
//   warning.html?url=<address>&brand=<id>                                    a URL-level block (the address's verdict)
// With a token it shows what the background recorded for it (background/warnings.js); without one, or when the
// background no longer knows the token, the address's own verdict.
const UI = globalThis.OmamoriUI;
const params = new URLSearchParams(location.search);
const url = UI.httpUrl(params.get('url') || '');
const brandParam = (params.get('brand') || '').slice(0, 64);
const token = (params.get('v') || '').slice(0, 64);
const isLink = params.get('kind') === 'link';
const { ask, msg } = UI;

document.documentElement.lang = UI.LANG;
document.title = msg('warning_page_title');
const style = document.createElement('style');
style.textContent = UI.CARD_CSS;
document.head.append(style);

// "Continue anyway" and "open anyway" are deliberate acts. A click counts only when its pointer went down on the
// button once the page had been in view for ARM_MS, with no other press in the ARM_MS before it (a click aimed at
// the page that was here a moment ago, or a burst of clicks a page's game asked for, lands here in vain); a key
// counts when it went down here, on the button, not auto-repeated (not a key held down while the tab switched).
const ARM_MS = 1000;
let shownAt = document.visibilityState === 'visible' ? performance.now() : Infinity;
let lastPointer = -Infinity;
let pressedOn = null; // the button a deliberate press went down on
document.addEventListener('visibilitychange', () => {
  shownAt = document.visibilityState === 'visible' ? performance.now() : Infinity;
});
document.addEventListener('pointerdown', (e) => {
  const now = performance.now();
  const calm = e.isTrusted && now - shownAt >= ARM_MS && now - lastPointer >= ARM_MS;
  lastPointer = now;
  pressedOn = calm && e.target instanceof Element ? e.target.closest('[data-act]') : null;
}, true);
document.addEventListener('keydown', (e) => {
  if (e.key !== 'Enter' && e.key !== ' ') return;
  const now = performance.now();
  const calm = e.isTrusted && !e.repeat && now - shownAt >= ARM_MS;
  pressedOn = calm && e.target instanceof Element ? e.target.closest('[data-act]') : null;
}, true);
let status = null;
function deliberate(e, button) {
  const ok = e.isTrusted && pressedOn === button;
  pressedOn = null;
  if (!ok && status) status.textContent = msg('warning_deliberate');
  return ok;
}

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

/** "the address you were opening" / "this page's address" (+ the frame's), under the card's address section. */
function addressLines(card, lines) {
  const addr = card.querySelector('.om-addr');
  const at = addr || card.querySelector('.om-lead');
  for (const [label, u] of lines.filter(([, u]) => u).reverse()) {
    const line = UI.h(document, 'p', { class: 'om-note' }, label + ' ',
      UI.h(document, 'span', { class: 'om-blocked-url', dir: 'ltr' }, u.length > 300 ? u.slice(0, 300) + '…' : u));
    if (addr) addr.append(line);
    else at.after(line);
  }
}

const main = document.getElementById('main');
// (the address exactly as the background wrote it: the token is checked against it)
const got = url && token ? await ask({ type: 'warning', token, url: params.get('url') }) : null;
const built = isLink ? await linkWarning(got) : await pageWarning(got);
main.setAttribute('aria-labelledby', built.titleId);
main.setAttribute('aria-describedby', built.descId);
status = UI.h(document, 'p', { class: 'om-note om-status', role: 'status', 'aria-live': 'polite' });
built.card.querySelector('.om-actions').append(status);
main.append(built.card);
(built.leave || built.stay).focus();

/** A page (page-level danger with its recorded verdict, or a URL-level block). */
async function pageWarning(rec) {
  let verdict = rec && rec.kind === 'page' ? rec.verdict : null;
  if (!verdict && url) {
    const r = await ask({ type: 'url-verdict', url });
    if (r) verdict = r.verdict;
  }
  if (!verdict || !verdict.level) {
    // The background could not answer: still warn, with what the address bar gave us.
    verdict = { level: 'danger', brand: brandParam || null, brand_name: null, host: url ? UI.hostOf(url) : '',
      registrable_domain: null, reasons: [], go_instead: null, fields: [] };
  }
  const frame = rec && rec.kind === 'page' ? UI.httpUrl(rec.frame || '') : null;
  const b = UI.buildWarningCard(document, verdict, { idPrefix: 'w-', headingTag: 'h1' });
  if (frame) addressLines(b.card, [[msg('warning_frame'), frame], [msg('warning_page_url'), url]]);
  else addressLines(b.card, [[msg(rec ? 'warning_page_url' : 'warning_blocked_url'), url]]);
  if (!url) {
    b.report.hidden = true;
    b.proceed.hidden = true;
    b.wrong.hidden = true;
    b.card.querySelector('.om-continue-note').hidden = true;
  }
  const byToken = rec && rec.kind === 'page';
  const about = byToken ? { token } : { url };

  // Leave: to the brand's official site, else back to before the page (the page itself would warn again).
  const leave = () => {
    const top = UI.httpUrl(verdict.go_instead && verdict.go_instead.top);
    if (top) location.replace(top);
    else if (byToken && history.length > 2) history.go(-2);
    else if (!byToken && history.length > 1) history.back();
    else location.replace('about:blank');
  };
  b.leave.addEventListener('click', () => once(leave));
  b.report.addEventListener('click', () => once(() => ask({ type: 'open-report', ...about })));
  b.wrong.addEventListener('click', () => once(() => ask({ type: 'open-report', ...about, mode: 'wrong' })));
  b.proceed.addEventListener('click', (e) => {
    if (!deliberate(e, b.proceed)) return;
    once(async () => {
      const r = await ask({ type: 'trust-origin', ...about });
      if (r) location.replace(url); // the page, which now takes typing
    });
  });
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && !e.defaultPrevented) {
      e.preventDefault();
      once(leave);
    }
  });
  return b;
}

/** A held link or form. */
async function linkWarning(rec) {
  let hold = rec && rec.kind === 'link' ? rec.hold : null;
  if (!hold && url) {
    // The background no longer knows the token: the destination's own verdict.
    const r = await ask({ type: 'url-verdict', url });
    const v = (r && r.verdict) || { brand: brandParam || null, reasons: [] };
    hold = { ...v, kind: 'lookalike', href: url, shown: null, host: v.host || UI.hostOf(url) };
  }
  hold = hold || { kind: 'lookalike', href: '', shown: null, reasons: [] };
  const submit = !!(rec && rec.submit);
  const newTab = !!(rec && rec.new_tab);
  const b = UI.buildLinkCard(document, hold, { idPrefix: 'w-link-', headingTag: 'h1', submit });
  addressLines(b.card, [[msg('warning_blocked_url'), url]]);
  const stay = () => {
    if (newTab) return ask({ type: 'close-warning', token });
    if (history.length > 1) history.back();
    else location.replace('about:blank');
    return null;
  };
  b.stay.addEventListener('click', () => once(stay));
  if (b.official) {
    b.official.addEventListener('click', () => once(() => {
      const top = UI.httpUrl(hold.go_instead && hold.go_instead.top);
      if (top) location.replace(top);
    }));
  }
  b.report.addEventListener('click', () => once(() => ask(rec ? { type: 'open-report', token } : { type: 'open-report', url })));
  b.open.addEventListener('click', (e) => {
    if (!deliberate(e, b.open) || !url) return;
    once(async () => {
      // A form is sent by the page that holds it (what was filled in stays there); a link opens here, once.
      if (submit) await ask({ type: 'follow-link', token });
      else location.replace(url);
    });
  });
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && !e.defaultPrevented) {
      e.preventDefault();
      once(stay);
    }
  });
  return b;
}
