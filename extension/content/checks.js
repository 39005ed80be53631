/*
 * When checks run, and what their answer does (content script part; see parts.txt). runCheck('url') sends the
 * address alone; runCheck('full') the page facts (facts.js) and the links (links.js), as the `check` message.
 * The first page check comes right after the first paint on a page with fields filled in soon, else after
 * `load` at an idle moment (at the latest TEXT_FALLBACK_MS after DOMContentLoaded), or at once when a blocked
 * field asks (flushCheck); then again on DOM mutations (debounced, bounded: scheduleCheck), SPA URL changes and
 * returns from the back/forward cache. onVerdict() records the answer in `state` (the level never softens by
 * itself within a document) and renders the guard.
 */

const DEBOUNCE_MS = 150;
const MAX_WAIT_MS = 600;

// The first page check waits for `load` (then for an idle moment, at most IDLE_TIMEOUT_MS); a page whose
// `load` does not come within TEXT_FALLBACK_MS of DOMContentLoaded gets it then.
const IDLE_TIMEOUT_MS = 150;
const TEXT_FALLBACK_MS = 1500;

let timer = 0;
let firstScheduledAt = 0;

function scheduleCheck(delay = DEBOUNCE_MS) {
  if (state.dead) return;
  const now = performance.now();
  if (!timer) firstScheduledAt = now;
  let wait = Math.min(delay, Math.max(0, firstScheduledAt + MAX_WAIT_MS - now));
  // Bounded: a page that mutates forever gets fewer extractions, and a heavy page fewer still.
  const gap = Math.max(state.extractions < 40 ? 0 : state.extractions < 150 ? 1000 : 4000, state.cost * 8);
  wait = Math.max(wait, state.lastCheckAt + gap - now);
  clearTimeout(timer);
  timer = setTimeout(fireCheck, wait);
}

function fireCheck() {
  timer = 0;
  // Before the first page check (due after `load`), DOM changes need none of their own: it reads them all.
  if (!state.textReady) return;
  runCheck('full');
}

/** A page check now (a blocked field is waiting, or the first page check is due). */
function flushCheck() {
  if (timer) {
    clearTimeout(timer);
    timer = 0;
  }
  runCheck('full');
}

/** The first page check is due: after `load` at an idle moment, or TEXT_FALLBACK_MS after DOMContentLoaded. */
function textDue() {
  if (state.textReady || state.dead) return;
  flushCheck();
}
const R_idle = typeof window.requestIdleCallback === 'function' ? window.requestIdleCallback.bind(window) : null;
function scheduleTextCheck() {
  const idle = () => {
    if (R_idle) R_idle(textDue, { timeout: IDLE_TIMEOUT_MS });
    else setTimeout(textDue, 0);
  };
  // After the load event (a task of its own, so that loadEventEnd does not wait for it).
  if ($readyState.call(document) === 'complete') idle();
  else ET_add.call(window, 'load', () => setTimeout(idle, 0), { once: true, capture: true });
  setTimeout(textDue, TEXT_FALLBACK_MS);
}

// Fields a person (or the browser's password manager, right after load) fills in soon: a password, card,
// security-code, PIN or one-time-code field, found by one selector match (no layout).
const SOON_FILLED = [
  'input[type=password]', 'input[autocomplete*="cc-" i]', 'input[autocomplete*="password" i]',
  'input[autocomplete*="one-time" i]', 'input[name*="card" i]', 'input[id*="card" i]', 'input[name*="pass" i]',
  'input[name*="pin" i]', 'input[name*="cvv" i]', 'input[name*="cvc" i]', 'input[name*="otp" i]',
  'input[name*="secur" i]', 'input[placeholder*="カード"]', 'input[placeholder*="暗証"]',
  'input[placeholder*="パスワード"]', 'input[placeholder*="セキュリティ"]',
].join(',');

/** Whether one of the first 200 inputs is SOON_FILLED. Bounded: this only picks when the first check runs (never
 * whether a field is held), and one query with the whole selector list took 28 ms on a 25,000-element page. */
function hasSoonFilledField() {
  try {
    const inputs = D_getElementsByTagName.call(document, 'input');
    for (let i = 0; i < inputs.length && i < 200; i++) if (E_matches.call(inputs[i], SOON_FILLED)) return true;
  } catch { /* ignore */ }
  return false;
}

/** The first page check right after the page's first paint (its layout is done then, so the visible-text
 * sample forces none), with a short fallback for a tab that does not paint (in the background). */
function scheduleAfterPaint() {
  let done = false;
  const go = () => {
    if (done) return;
    done = true;
    // the address turned out to be official meanwhile: nothing waits, the check after `load` will do
    if (state.level === 'safe') return;
    textDue();
  };
  try {
    requestAnimationFrame(() => setTimeout(go, 0));
  } catch { /* ignore */ }
  setTimeout(go, 100);
  scheduleTextCheck(); // and the usual one after `load` (a no-op once this one ran)
}

/** At DOMContentLoaded: nothing but scheduling. Every field stays pending (typing blocked) until the first page
 * check answers; a blocked field asks for it at once. A page with fields that get filled in soon (a login or
 * card form) is checked right after its first paint, so that a person or a password manager filling it right
 * after load finds it answered; any other page after `load`. (A page on an official domain blocks nothing: see
 * isBlocked.) */
function onParsed() {
  if (state.textReady) {
    flushCheck(); // a blocked field already asked for a page check: check the whole page now
    return;
  }
  if (timer) {
    clearTimeout(timer);
    timer = 0;
  }
  if (state.level !== 'safe' && hasSoonFilledField()) scheduleAfterPaint();
  else scheduleTextCheck();
}

/** mode: 'url' (the URL alone) or 'full' (the page facts, visible-text sample included). */
function runCheck(mode) {
  if (state.dead) return;
  if (mode === 'full') state.textReady = true; // from now on every page check is a full one
  let facts;
  let elements;
  let roots = null;
  const t0 = performance.now();
  try {
    ({ facts, elements, roots } = mode === 'url' ? { facts: baseFacts(), elements: [] } : extractFacts());
  } catch (e) {
    // A page trick must never leave the guard pending forever: fall back to the URL alone.
    facts = baseFacts();
    elements = [];
    roots = null;
  }
  if (roots) {
    try {
      scanLinks(roots);
    } catch { /* never let link checks break the page check */ }
  }
  const cost = performance.now() - t0;
  if (mode !== 'url') {
    state.extractions++;
    state.cost = state.cost ? state.cost * 0.7 + cost * 0.3 : cost;
  }
  state.lastCheckAt = performance.now();
  state.lastHref = location.href;
  const fp = JSON.stringify(facts);
  const seq = ++state.seq;
  if (fp === state.lastFp && state.lastResponse && state.lastResponseFp === fp && !state.resetSticky) {
    // Same facts as last time: the last verdict covers these elements too.
    onVerdict(state.lastResponse, elements, seq);
    return;
  }
  state.lastFp = fp;
  // mode: a page check or the URL alone; first_input: the address at the person's first input, once there was one
  sendWithRetry({
    type: 'check', mode, seq, doc: DOC_ID, facts, cost: Math.round(cost * 100) / 100, start: state.startCost,
    first_input: firstInputUrl,
  })
    .then((res) => {
      if (!res || !res.ok || !res.verdict || typeof res.verdict !== 'object') throw new Error((res && res.error) || 'no verdict');
      state.lastResponse = res;
      state.lastResponseFp = fp;
      onVerdict(res, elements, seq);
    })
    .catch((e) => {
      if (isContextGone(e)) return shutdown();
      if (state.lastFp === fp) state.lastFp = '';
      failOpen(e);
      // Fields waiting for this check are let through rather than blocked for good.
      for (const w of state.waiting) state.checked.add(w.el);
      state.waiting = [];
      refocusIfAllowed();
    });
}

function failOpen(e) {
  // Without an answer the shell cannot protect, and must not break the web: stop blocking.
  if (!state.failOpen && state.level === null) {
    state.failOpen = true;
    try {
      console.warn('Omamori: no verdict from the background (' + ((e && e.message) || e) + '); not blocking input.');
    } catch { /* ignore */ }
  }
}

const LEVELS = new Set(['none', 'safe', 'caution', 'danger']);

function onVerdict(res, elements, seq) {
  if (state.dead) return;
  state.failOpen = false;
  const v = res.verdict;
  const level = LEVELS.has(v.level) ? v.level : 'none';
  for (const el of elements) state.checked.add(el);
  if (Array.isArray(v.fields)) {
    for (const f of v.fields) {
      const el = f && Number.isInteger(f.index) ? elements[f.index] : null;
      if (el && f.kind) state.kinds.set(el, String(f.kind));
    }
  }
  // Fields that were blocked as pending are covered by any check issued after they were seen.
  state.waiting = state.waiting.filter((w) => {
    if (w.seq <= seq) {
      state.checked.add(w.el);
      return false;
    }
    return true;
  });

  const wasDanger = state.level === 'danger' && !state.trusted;
  if (res.trusted) {
    state.trusted = true;
    state.level = level;
    state.verdict = v;
  } else {
    if (state.trusted) state.resetSticky = true;
    state.trusted = false;
    // Sticky: within one document the warning never softens by itself (a page could hide its form to
    // lose the warning, then bring it back); only a trust change resets it.
    if (state.resetSticky || state.level === null || UI.rank(level) >= UI.rank(state.level)) {
      state.level = level;
      state.verdict = v;
      state.resetSticky = false;
    }
  }
  const isDanger = state.level === 'danger' && !state.trusted;
  if (isDanger && !wasDanger) blurActiveField();
  render();
  if (!isDanger) refocusIfAllowed();
}

function checkUrlChange() {
  if (location.href !== state.lastHref) {
    state.lastHref = location.href;
    scheduleCheck(0);
  }
}

function onlyAboutUs(records) {
  for (const r of records) {
    if (r.target === guard.host) continue;
    if (r.type === 'childList') {
      const nodes = [...r.addedNodes, ...r.removedNodes];
      if (nodes.length && nodes.every((n) => n === guard.host || localName(n) === 'omamori-guard')) continue;
    }
    return false;
  }
  return true;
}

let lastDocEl = null;
const mutationObserver = new MutationObserver((records) => {
  if (state.dead) return;
  const de = docEl();
  if (de !== lastDocEl) {
    // document.open() / a replaced root: listeners may have been wiped; adding them again is idempotent.
    lastDocEl = de;
    installGuard();
  }
  checkGuardInPlace();
  checkUrlChange();
  if (!onlyAboutUs(records)) scheduleCheck();
});

function startObserving() {
  lastDocEl = docEl();
  mutationObserver.observe(document, {
    childList: true, subtree: true, attributes: true,
    attributeFilter: ['type', 'name', 'id', 'autocomplete', 'inputmode', 'placeholder', 'aria-label',
      'aria-labelledby', 'action', 'maxlength', 'for', 'alt', 'content', 'href', 'title', 'formaction', 'inert'],
  });
}
