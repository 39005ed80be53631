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

// A check that got no answer (the background busy or asleep, its messages queued behind a flood of the page's
// own navigations) is sent again after these delays, while its fields stay held; after the last one, the next
// keystroke in a held field asks again. Only the background saying its engine failed (engine_error), or the
// extension gone, lets input through.
const RETRY_MS = [300, 1000, 2000, 4000, 8000, 15000];

// The page's free text: what a page changes as it lives (a clock, a countdown, a character count, an echo of what
// is typed) without becoming another page.
const FREE_TEXT = new Set(['url', 'title', 'headings', 'buttons', 'image_alts', 'footer_text', 'text']);
const digitsAsZero = (x) => (typeof x === 'string' ? x.replace(/[0-9０-９]+/g, '0') : Array.isArray(x) ? x.map(digitsAsZero) : x);

/** What is in the text fields the last page check read (≤ 50, each 1–200 characters): what the person typed. */
function fieldValues() {
  const out = [];
  for (const el of state.readElements) {
    if (out.length >= 50) break;
    let v = '';
    try {
      v = isTextEntry(el) && typeof el.value === 'string' ? el.value : '';
    } catch { /* ignore */ }
    if (v && v.length <= 200) out.push(v);
  }
  return out;
}

/** Whether free text x (a string or strings) carries one of the values, as typed or as an address writes it. */
function carriesValue(x, values) {
  const s = typeof x === 'string' ? x : Array.isArray(x) ? x.join('\n') : '';
  if (!s) return false;
  for (const v of values) {
    if (s.includes(v)) return true;
    let enc = v;
    try {
      enc = encodeURIComponent(v);
    } catch { /* ignore */ }
    if (enc !== v && s.includes(enc)) return true;
  }
  return false;
}

/**
 * Whether the page facts `now` read as `then` do for a sensitive field (input-guard.js pageStillAsRead): the same,
 * but for runs of digits in the free text (a clock, a countdown, a character count) and for free text, the address
 * included, that now carries what is in the page's fields (a page echoing the person's own typing into its title or
 * address). A field's own fact is compared apart (isCovered), and the facts are still sent as they are.
 */
function looselySame(now, then) {
  if (!now || !then) return false;
  let values = null;
  for (const k of new Set([...Object.keys(now), ...Object.keys(then)])) {
    if (JSON.stringify(now[k]) === JSON.stringify(then[k])) continue;
    if (!FREE_TEXT.has(k)) return false;
    if (JSON.stringify(digitsAsZero(now[k])) === JSON.stringify(digitsAsZero(then[k]))) continue;
    values ??= fieldValues();
    if (!carriesValue(now[k], values)) return false;
  }
  return true;
}

/** mode: 'url' (the URL alone) or 'full' (the page facts, visible-text sample included). */
function runCheck(mode) {
  if (state.dead) return;
  if (state.retryTimer) {
    clearTimeout(state.retryTimer); // this check is the retry
    state.retryTimer = 0;
  }
  if (mode === 'full') state.textReady = true; // from now on every page check is a full one
  takeMutations(true);
  const epoch = state.pageEpoch;
  let facts;
  let elements;
  let readings;
  let roots = null;
  const t0 = performance.now();
  try {
    ({ facts, elements, readings, roots } = mode === 'url' ? { facts: baseFacts(), elements: [], readings: [] } : extractFacts());
  } catch (e) {
    // A page trick must never leave the guard pending forever: fall back to the URL alone (which covers no field).
    facts = baseFacts();
    elements = [];
    readings = [];
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
    state.lastCost = cost;
  }
  state.lastCheckAt = performance.now();
  state.lastHref = location.href;
  const key = JSON.stringify(facts);
  const seq = ++state.seq;
  const read = { elements, readings, epoch, full: mode !== 'url', facts };
  if (read.full) {
    state.readFacts = facts;
    state.readElements = elements;
    state.readEpoch = epoch;
  }
  if (key === state.lastFp && state.lastResponse && state.lastResponseFp === key && !state.resetSticky) {
    // The same facts as the last answered check: its answer covers these elements too.
    onVerdict(state.lastResponse, read, seq);
    return;
  }
  const flight = state.inflight;
  if (flight && flight.key === key && !state.resetSticky) {
    flight.also.push(read); // the same facts are on their way: their answer covers these elements too
    return;
  }
  state.lastFp = key;
  const mine = { key, seq, also: [] };
  state.inflight = mine;
  // mode: a page check or the URL alone; first_input: the address at the person's first input, once there was one
  send({
    type: 'check', mode, seq, doc: DOC_ID, facts, cost: Math.round(cost * 100) / 100, start: state.startCost,
    first_input: firstInputUrl,
  })
    .then((res) => {
      if (state.inflight === mine) state.inflight = null;
      if (res && res.ok === false && res.engine_error) {
        failOpen(res.engine_error);
        return;
      }
      if (!res || !res.ok || !res.verdict || typeof res.verdict !== 'object') throw new Error((res && res.error) || 'no verdict');
      state.retries = 0;
      state.lastResponse = res;
      state.lastResponseFp = key;
      onVerdict(res, read, seq);
      for (const r of mine.also) onVerdict(res, r, seq);
    })
    .catch((e) => {
      if (state.inflight === mine) state.inflight = null;
      if (isContextGone(e)) return shutdown();
      if (state.lastFp === key) state.lastFp = '';
      retryLater(mode, e);
    });
}

/** No answer: the same check again after the next delay of RETRY_MS; fields stay held meanwhile. */
function retryLater(mode, e) {
  if (state.dead || state.retryTimer) return;
  if (state.retries >= RETRY_MS.length) {
    if (state.retries++ === RETRY_MS.length) {
      try {
        console.warn('Omamori: no verdict from the background (' + ((e && e.message) || e) + '); fields stay held until it answers.');
      } catch { /* ignore */ }
    }
    return;
  }
  state.retryTimer = setTimeout(() => {
    state.retryTimer = 0;
    runCheck(state.textReady ? 'full' : mode);
  }, RETRY_MS[state.retries++]);
}

function failOpen(why) {
  // The background says its engine failed: without it the shell cannot protect, and must not break the web.
  if (!state.failOpen) {
    state.failOpen = true;
    try {
      console.warn('Omamori: the engine failed (' + why + '); not blocking input.');
    } catch { /* ignore */ }
    render();
    refocusIfAllowed();
  }
}

const LEVELS = new Set(['none', 'safe', 'caution', 'danger']);

/** The answer to a check: read = {elements, readings, epoch, full}, what that check read (facts.js extractFacts). */
function onVerdict(res, read, seq) {
  if (state.dead) return;
  state.failOpen = false;
  const v = res.verdict;
  const level = LEVELS.has(v.level) ? v.level : 'none';
  const { elements, readings } = read;
  // A field is covered by what this check read of it, and only by that (never because it was waiting).
  for (let i = 0; i < elements.length; i++) {
    state.readings.set(elements[i], readings[i]);
    state.stale.delete(elements[i]);
  }
  if (Array.isArray(v.fields)) {
    for (const f of v.fields) {
      const el = f && Number.isInteger(f.index) ? elements[f.index] : null;
      if (el && f.kind) state.kinds.set(el, String(f.kind));
    }
  }
  if (read.full && seq >= state.answeredSeq) {
    state.answeredSeq = seq;
    state.answeredEpoch = read.epoch;
    state.answeredFacts = read.facts;
  }
  // Waiting fields this check read are done waiting; the others (detached meanwhile: dropped) wait for the next
  // check, which the keystroke that held them asked for (input-guard.js askFor) and which reads them first.
  if (state.waiting.length) {
    const readSet = new Set(elements);
    state.waiting = state.waiting.filter((w) => !readSet.has(w.el) && $isConnected.call(w.el));
  }

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
    state.pageEpoch++; // (the address is part of what a check read)
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

/** Whether node n is the document's <title> or its text (a change there is one of the title alone). */
function inDocTitle(n) {
  try {
    const t = nodeType(n) === 1 ? n : $parentNode.call(n);
    return localName(t) === 'title' && $parentNode.call(t) === document.head;
  } catch {
    return false;
  }
}

let lastDocEl = null;
/** reading: a check is reading the page now (it sees these changes: none is scheduled for them). */
function onMutations(records, reading = false) {
  if (state.dead) return;
  const de = docEl();
  if (de !== lastDocEl) {
    // document.open() / a replaced root: listeners may have been wiped; adding them again is idempotent.
    lastDocEl = de;
    installGuard();
  }
  checkGuardInPlace();
  checkUrlChange();
  if (!onlyAboutUs(records)) {
    state.pageEpoch++; // what the newest answer read may be out of date: see input-guard.js pageStillAsRead
    if (!records.every((r) => inDocTitle(r.target))) state.bodyEpoch = state.pageEpoch;
    // a covered field's own attributes changed: it is held until read again, so read it now
    if (!reading) scheduleCheck(records.some((r) => r.type === 'attributes' && state.readings.has(r.target)) ? 0 : DEBOUNCE_MS);
  }
}
const mutationObserver = new MutationObserver((records) => onMutations(records));

/** The page's changes not delivered to the observer yet, taken now (a keystroke must not outrun them; a check
 * about to read the page counts them as read: `reading`). */
function takeMutations(reading = false) {
  let records = [];
  try {
    records = mutationObserver.takeRecords();
  } catch { /* ignore */ }
  if (records.length) onMutations(records, reading);
}

function startObserving() {
  lastDocEl = docEl();
  // Text (character data), elements, the attributes the facts read, and classes and styles (which change what is
  // visible and what CSS writes: generated text, hidden paragraphs).
  mutationObserver.observe(document, {
    childList: true, subtree: true, attributes: true, characterData: true,
    attributeFilter: ['type', 'name', 'id', 'autocomplete', 'inputmode', 'placeholder', 'aria-label',
      'aria-labelledby', 'action', 'maxlength', 'for', 'alt', 'content', 'href', 'title', 'formaction', 'inert',
      'class', 'style', 'hidden', 'src', 'srcset', 'rel', 'contenteditable', 'role', 'open'],
  });
}
