/*
 * Deceptive links, before the click (content script part; see parts.txt). A click on a link whose text shows a
 * brand's official domain but whose href goes elsewhere, or whose href is a lookalike of a brand, is held: the
 * person sees why and can go to the real site instead (link-dialog.js). Links are checked ahead (check-links,
 * with every full extraction, so links added later are covered too); a click on a link not checked yet is held
 * until the background answers, then followed if it is fine. The background decides (background/links.js
 * classifyLink).
 */

const links = { verdicts: new Map(), inflight: new Map(), seen: new WeakMap(), passOnce: new WeakSet() };
const LINK_LIMIT = 1500;
const LINK_SELECTORS = ['a[href]', 'area[href]', '[onclick]', 'form[action]', '[formaction]'];
const DOMAIN_RE = /(?:^|[^a-z0-9@._-])(?:https?:\/\/)?((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,24}|xn--[a-z0-9-]{1,59}))(?![a-z0-9-])/g;
const SCRIPT_NAV_RE = /(?:location(?:\.href)?\s*=|location\.(?:assign|replace)\s*\(|window\.open\s*\()\s*['"`]([^'"`]{4,2048})['"`]/;

/** Domains a piece of text shows (full-width forms folded): "https://www.micard.co.jp/" -> ["www.micard.co.jp"]. */
function shownDomains(text) {
  let t = String(text || '');
  if (!t) return [];
  try {
    t = t.normalize('NFKC');
  } catch { /* ignore */ }
  t = t.toLowerCase();
  const out = [];
  DOMAIN_RE.lastIndex = 0;
  let m;
  while ((m = DOMAIN_RE.exec(t)) && out.length < 5) {
    const d = m[1];
    if (!out.includes(d)) out.push(d);
  }
  return out;
}

const isHttpUrl = (u) => /^https?:\/\//i.test(u || '');
const hostnameOf = (u) => {
  try {
    return new URL(u).hostname;
  } catch {
    return '';
  }
};

function shownTextOf(el) {
  let t = textOf(el, 300) + ' ' + attr(el, 'title') + ' ' + attr(el, 'aria-label');
  const ln = localName(el);
  if (ln === 'area' || ln === 'input') t += ' ' + attr(el, 'alt') + ' ' + attr(el, 'value');
  try {
    const img = EP.querySelector.call(el, 'img[alt]');
    if (img) t += ' ' + attr(img, 'alt');
  } catch { /* ignore */ }
  return t;
}

function mkLink(el, href, kind, extra) {
  const shown = shownDomains(shownTextOf(el));
  return { el, href, kind, shown, key: href + '\n' + shown.join(' '), ...extra };
}

/** The link-like thing a click went to: <a href>, <area href>, an element whose onclick sets location. */
function linkFromPath(path) {
  for (let i = 0; i < path.length && i < 40; i++) {
    const n = path[i];
    if (!n || nodeType(n) !== 1) continue;
    const ln = localName(n);
    if (ln === 'a' || ln === 'area') {
      const raw = attr(n, 'href') || attr(n, 'xlink:href');
      const href = raw ? absUrl(raw.trim()) : '';
      if (isHttpUrl(href)) return mkLink(n, href, 'link');
      if (raw) return null; // javascript:, mailto:, #… : not ours to judge
      continue;
    }
    const oc = attr(n, 'onclick');
    if (oc) {
      const m = SCRIPT_NAV_RE.exec(oc);
      const href = m ? absUrl(m[1]) : '';
      if (isHttpUrl(href)) return mkLink(n, href, 'script');
    }
    if (ln === 'body' || ln === 'html') break;
  }
  return null;
}

/** Worth holding while unchecked: shows a domain, or leaves this host. */
const couldMatter = (info) => info.shown.length > 0 || hostnameOf(info.href) !== location.hostname;

function askLinks(infos) {
  const todo = [];
  const keys = new Set();
  for (const i of infos) {
    if (links.verdicts.has(i.key) || links.inflight.has(i.key) || keys.has(i.key)) continue;
    keys.add(i.key);
    todo.push(i);
  }
  for (let k = 0; k < todo.length; k += 300) {
    const chunk = todo.slice(k, k + 300);
    const p = send({ type: 'check-links', links: chunk.map((i) => ({ href: i.href, shown: i.shown })) }, 8000)
      .then((res) => {
        if (!res || !res.ok || !Array.isArray(res.results)) return;
        if (links.verdicts.size > 5000) links.verdicts.clear();
        chunk.forEach((i, j) => links.verdicts.set(i.key, res.results[j] && typeof res.results[j] === 'object' ? res.results[j] : null));
      })
      .catch((e) => {
        if (isContextGone(e)) shutdown();
      })
      .finally(() => {
        for (const i of chunk) links.inflight.delete(i.key);
      });
    for (const i of chunk) links.inflight.set(i.key, p);
  }
}

async function linkVerdict(info) {
  if (!links.verdicts.has(info.key)) {
    askLinks([info]);
    await links.inflight.get(info.key);
  }
  return links.verdicts.get(info.key) || null;
}

/** Checks the links of the page ahead of any click (called with every full extraction). */
function scanLinks(roots) {
  const found = [];
  let n = 0;
  for (const root of roots) {
    // a[href], area[href], [onclick], form[action], [formaction]: one query each (see eachInOrder)
    eachInOrder(root, LINK_SELECTORS, (el) => {
      if (n++ >= LINK_LIMIT) return false;
      const ln = localName(el);
      const info = ln === 'form' || E_getAttribute.call(el, 'formaction') != null ? submitInfo(el) : linkFromPath([el]);
      if (!info || !couldMatter(info)) return true;
      if (links.seen.get(el) === info.key) return true;
      links.seen.set(el, info.key);
      found.push(info);
      return true;
    });
  }
  if (found.length) askLinks(found);
}

function onLinkActivate(ev) {
  if (state.dead || !ev.isTrusted) return;
  if (ev.type === 'click' && ev.button !== 0) return;
  if (ev.type === 'auxclick' && ev.button !== 1) return;
  if (state.level === 'danger' && !state.trusted) return; // the page's own warning stands
  let path = [];
  try {
    path = ev.composedPath();
  } catch { /* ignore */ }
  if (guard.host && path.includes(guard.host)) return;
  const info = linkFromPath(path);
  if (!info) return;
  const known = links.verdicts.get(info.key);
  if (known === null) return; // checked: fine
  if (known === undefined && !couldMatter(info)) return;
  ev.preventDefault();
  ev.stopImmediatePropagation();
  info.mods = { ctrl: ev.ctrlKey, meta: ev.metaKey, shift: ev.shiftKey, alt: ev.altKey, button: ev.button };
  if (known) {
    holdLink(known, info);
    return;
  }
  linkVerdict(info).then((v) => (v ? holdLink(v, info) : followLink(info)), () => followLink(info));
}

/** Where a form (or a submit button with formaction) sends the person; keyed by the URL alone. */
function submitInfo(el, form, submitter) {
  let raw = E_getAttribute.call(el, localName(el) === 'form' ? 'action' : 'formaction');
  if ((raw == null || !raw.trim()) && form && el !== form) raw = E_getAttribute.call(form, 'action');
  const href = raw && raw.trim() ? absUrl(raw.trim()) : '';
  if (!isHttpUrl(href)) return null;
  let f = form;
  if (!f) {
    try {
      f = localName(el) === 'form' ? el : el.form;
    } catch { /* ignore */ }
  }
  return { el, href, kind: 'submit', shown: [], key: href + '\n', form: f, submitter: submitter || null };
}

function onSubmit(ev) {
  if (state.dead || !ev.isTrusted) return;
  const form = ev.target;
  if (!form || localName(form) !== 'form') return;
  if (links.passOnce.has(form)) {
    links.passOnce.delete(form);
    return;
  }
  if (state.level === 'danger' && !state.trusted) return;
  const submitter = ev.submitter || null;
  const info = submitInfo(submitter && E_getAttribute.call(submitter, 'formaction') != null ? submitter : form, form, submitter);
  if (!info || hostnameOf(info.href) === location.hostname) return;
  const known = links.verdicts.get(info.key);
  if (known === null) return;
  ev.preventDefault();
  ev.stopImmediatePropagation();
  info.mods = {};
  if (known) {
    holdLink(known, info);
    return;
  }
  linkVerdict(info).then((v) => (v ? holdLink(v, info) : followLink(info)), () => followLink(info));
}

/** Does what the held click would have done (the person chose to go on, or the link proved fine). */
function followLink(info) {
  const m = info.mods || {};
  try {
    if (info.kind === 'submit') {
      links.passOnce.add(info.form);
      F_requestSubmit.call(info.form, info.submitter && $isConnected.call(info.submitter) ? info.submitter : undefined);
      return;
    }
    if (m.button === 1 || m.ctrl || m.meta || m.shift) {
      window.open(info.href, '_blank', 'noopener');
      return;
    }
    if (!$isConnected.call(info.el)) {
      location.assign(info.href);
      return;
    }
    // A script-made click: the element's own behaviour (target, rel, download) and the page's handlers run;
    // this listener ignores it (not isTrusted).
    if (info.el instanceof HTMLElement) A_click.call(info.el);
    else ET_dispatch.call(info.el, new MouseEvent('click', { bubbles: true, cancelable: true, view: window }));
  } catch {
    try {
      location.assign(info.href);
    } catch { /* ignore */ }
  }
}

ET_add.call(window, 'click', onLinkActivate, true);
ET_add.call(window, 'auxclick', onLinkActivate, true);
ET_add.call(window, 'submit', onSubmit, true);
