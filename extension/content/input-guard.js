/*
 * The input guard (content script part; see parts.txt): capture listeners on window, installed at document_start
 * (installGuard() at the end). A text-entry field takes keys only after a check that READ THAT FIELD answered, not
 * `danger`, and while what it read is still true (isCovered; for a sensitive field the page too). Any other field
 * is held: keys and text cancelled, an IME composition ended, text that got in anyway taken back out; it waits
 * for a check, which reads it first. Nothing shows until something is typed: focus is left alone. Only trusted
 * events count. Shadow roots are followed to any depth; text into what the guard cannot see is held.
 */

const TEXT_TYPES = new Set(['text', 'password', 'email', 'tel', 'number', 'search', 'url', 'month', 'date',
  'week', 'time', 'datetime-local']);

const GUARD_EVENTS = ['focusin', 'keydown', 'keypress', 'beforeinput', 'input', 'paste', 'drop', 'compositionstart'];
// Events that only an editable target gets: one whose target the guard cannot see is held.
const TEXT_EVENTS = new Set(['beforeinput', 'input', 'paste', 'drop', 'compositionstart']);
const EDIT_KEYS = new Set(['Backspace', 'Delete', 'Enter', 'Process', 'Unidentified', 'Dead', 'Convert',
  'NonConvert', 'KanaMode', 'HiraganaKatakana', 'Hiragana', 'Katakana', 'Zenkaku', 'Hankaku', 'ZenkakuHankaku']);
const MAX_SHADOW_DEPTH = 1000; // past it, a target the guard cannot see into
// A sensitive field's changed page is read again at the keystroke when the last extraction took less than this
// (one frame); on a page that reads slower, the field waits for the check.
const SYNC_READ_MAX_MS = 16;

/** What deepTarget gives for a target inside a shadow root it cannot follow (held when text goes there). */
const UNSEEN = Object.freeze({ unseen: true });

function hasPoint(ev) {
  return ev && (ev.type === 'drop' || ev.type === 'dragover') && Number.isFinite(ev.clientX) && Number.isFinite(ev.clientY);
}

/** The element a page's event goes to (deepTarget), or null for an event in our own UI. */
function pageTarget(ev) {
  let path = [];
  try {
    path = ev.composedPath();
  } catch { /* ignore */ }
  if (guard.host && path.includes(guard.host)) return null;
  return deepTarget(ev, path);
}

/** The element an event goes to, through shadow roots (by their focused element; a drop by its point); UNSEEN
 * when text goes into a shadow root that shows neither. */
function deepTarget(ev, path) {
  let t = (path && path[0]) || ev.target;
  for (let i = 0; t && nodeType(t) === 1; i++) {
    const sr = shadowOf(t);
    if (!sr) return t;
    if (i >= MAX_SHADOW_DEPTH) return UNSEEN;
    let a = null;
    try {
      a = $srShadowActive.call(sr);
    } catch { /* ignore */ }
    if (!a && hasPoint(ev)) {
      try {
        a = sr.elementFromPoint(ev.clientX, ev.clientY);
      } catch { /* ignore */ }
      if (a && N_getRootNode.call(a) !== sr) a = null; // (outside this root: the point is on the host itself)
    }
    // (a host whose root shows nothing: the host itself, a focusable element, unless text goes inside)
    if (!a) return TEXT_EVENTS.has(ev.type) && !isTextEntry(t) ? UNSEEN : t;
    t = a;
  }
  return t;
}

function isFormControl(el) {
  const ln = localName(el);
  return ln === 'input' || ln === 'textarea' || ln === 'select';
}

function isTextEntry(el) {
  if (!el || el === UNSEEN || nodeType(el) !== 1) return false;
  const ln = localName(el);
  if (ln === 'input') {
    let type = 'text';
    try {
      type = String(el.type || 'text').toLowerCase();
    } catch { /* ignore */ }
    return TEXT_TYPES.has(type);
  }
  if (ln === 'textarea') return true;
  if (ln === 'canvas') return isDrawnField(el);
  try {
    if (el.isContentEditable) return true;
  } catch { /* ignore */ }
  try {
    return $designMode.call(document) === 'on';
  } catch {
    return false;
  }
}

/** The field a check reads for a text entry: the control itself (a canvas that takes keys too), or the root of an
 * editable region; null for a
 * document in designMode (covered by any answered page check). */
function heldField(t) {
  if (isFormControl(t) || isDrawnField(t)) return t;
  return editingHost(t);
}

/** Whether an answered check read field f as it reads now (fresh: read now; else as last found). */
function isCovered(f, fresh) {
  if (!f) return state.answeredSeq > 0 && state.textReady; // designMode: the page as a whole
  const seen = state.readings.get(f);
  if (seen === undefined) return false;
  if (!fresh) return !state.stale.has(f);
  if (fieldReading(f) === seen) {
    state.stale.delete(f);
    return true;
  }
  state.stale.add(f);
  return false;
}

/**
 * A sensitive field's page must read as the newest answer saw it: after a change it is read again now; unchanged
 * facts are answered at once, and a change of digits alone in the page's free text, or one that echoes what is in
 * its fields (checks.js looselySame), lets the key through while its check goes out; any other change is sent, and
 * the field waits for the answer.
 */
function pageStillAsRead(f) {
  takeMutations();
  if (state.pageEpoch === state.answeredEpoch || !f || !state.kinds.has(f)) return true;
  if (state.readEpoch !== state.pageEpoch) { // (not read since the change: the keydown before may have)
    // only the address or the title changed since the answer (a page writing what is typed there): those two are
    // read now, without an extraction
    if (state.bodyEpoch <= state.answeredEpoch && state.answeredFacts) {
      return looselySame({ ...state.answeredFacts, ...baseFacts(), title: pageTitle() }, state.answeredFacts);
    }
    if (state.lastCost > SYNC_READ_MAX_MS) return false;
    waitFor(f); // read first (and the check that reads it already asked for)
    runCheck('full');
  }
  return state.pageEpoch === state.answeredEpoch || looselySame(state.readFacts, state.answeredFacts);
}

function isBlocked(el, fresh = false) {
  if (state.dead || state.failOpen || state.trusted) return false;
  // The address is the brand's own (official domain): no page content can change that verdict (the engine
  // answers `safe` for any page there), so nothing waits for the page check.
  if (state.level === 'safe') return false;
  if (state.level === 'danger' || state.level === null) return true;
  const f = heldField(el);
  if (!isCovered(f, fresh)) return true;
  return fresh && !pageStillAsRead(f);
}

function isEditingKey(ev) {
  if (ev.isComposing) return true;
  if ((ev.ctrlKey || ev.metaKey) && !ev.altKey) return false; // shortcuts; paste is caught as 'paste'
  const k = ev.key || '';
  return k.length === 1 || EDIT_KEYS.has(k);
}

function snapshot(el) {
  try {
    if (!state.snapshots.has(el) && typeof el.value === 'string') state.snapshots.set(el, el.value);
  } catch { /* ignore */ }
}

function restoreValue(el) {
  try {
    if (typeof el.value !== 'string') return;
    const prev = state.snapshots.has(el) ? state.snapshots.get(el) : '';
    if (el.value !== prev) el.value = prev;
  } catch { /* ignore */ }
}

function blurEl(el) {
  try {
    HE_blur.call(el);
  } catch { /* ignore */ }
}

function blurActiveField() {
  let a = null;
  try {
    a = $activeElement.call(document);
  } catch { /* ignore */ }
  const t = a ? deepTarget({ target: a }, null) : null;
  if (t && isTextEntry(t)) {
    snapshot(t);
    blurEl(t);
  }
}

/** Adds a held field to those the next checks read first; true when it was not waiting yet. */
function waitFor(el) {
  if (!el || state.waiting.some((w) => w.el === el)) return false;
  state.waiting.push({ el, seq: state.seq + 1 });
  if (state.waiting.length > 50) state.waiting.shift();
  return true;
}

/** A held field asks for a check that reads it: at once, unless one that reads it is on its way (or a retry is
 * due: checks.js retryLater). */
function askFor(t) {
  const f = heldField(t); // (none for a document in designMode: any page check covers it)
  const fresh = f ? waitFor(f) : false;
  if (fresh || (!state.inflight && !state.retryTimer)) flushCheck();
}

/** After the page's own focus handlers ran: a field whose reading changed on focus (a label rewritten, a class
 * switched) is read again before the first key. */
function recheckSoon(t) {
  setTimeout(() => {
    if (state.dead || state.level === 'danger' || state.level === 'safe' || state.level === null || state.trusted) return;
    const f = heldField(t);
    if (!f || !$isConnected.call(f)) return;
    if (!isCovered(f, true)) askFor(t);
    else if (state.kinds.has(f) && state.pageEpoch !== state.answeredEpoch) flushCheck();
  }, 0);
}

function onGuardEvent(ev) {
  if (state.dead) return;
  const type = ev.type;
  const t = pageTarget(ev);
  if (t === null) return; // our own UI
  if (t === UNSEEN) {
    onUnseen(ev);
    return;
  }
  if (!isTextEntry(t)) return;

  if (type === 'input') {
    // Text that got in anyway (IME commit, autofill, a password manager): take it back out. On a danger
    // page this applies to script-made input events too: nothing gets filled in there. (Typing was decided at
    // its keydown and beforeinput; text that came without them is checked afresh.)
    if (!isBlocked(t, ev.isTrusted && !ev.inputType)) return;
    if (!ev.isTrusted && state.level !== 'danger') return;
    restoreValue(t);
    ev.stopImmediatePropagation();
    return;
  }
  if (!ev.isTrusted) return;

  if (type === 'focusin') {
    onGuardFocus(ev, t);
    return;
  }
  if (type === 'keypress') {
    // (keydown decided: a keypress follows only a keydown that was let through)
    if (!isEditingKey(ev) || !isBlocked(t)) return;
  } else if (type === 'keydown' && !isEditingKey(ev)) {
    return;
  } else if (!isBlocked(t, true)) {
    return;
  }
  snapshot(t);
  ev.preventDefault();
  ev.stopImmediatePropagation();
  if (type === 'compositionstart') {
    // an IME composition cannot be cancelled: end it (the field gets its focus back once it is allowed)
    state.refocus = { el: t, at: performance.now() };
    blurEl(t);
  }
  if (state.level === 'danger') nudgeDanger();
  else askFor(t);
}

/** Focus on a text entry: nothing the page can see, unless the page is `danger`. A held field asks for its check. */
function onGuardFocus(ev, t) {
  checkUrlChange();
  if (state.level === 'danger' && isBlocked(t)) {
    ev.stopImmediatePropagation();
    snapshot(t);
    blurEl(t);
    nudgeDanger();
    return;
  }
  if (!isBlocked(t)) {
    onAllowedFocus(t);
    recheckSoon(t);
    return;
  }
  snapshot(t);
  askFor(t);
}

/** Text going into something inside a shadow root the guard cannot see into: held like an unread field. */
function onUnseen(ev) {
  if (!ev.isTrusted || !TEXT_EVENTS.has(ev.type)) return;
  if (state.dead || state.failOpen || state.trusted || state.level === 'safe') return;
  if (ev.type !== 'input') ev.preventDefault();
  ev.stopImmediatePropagation();
  if (ev.type === 'compositionstart') blurActiveField();
  if (state.level === 'danger') nudgeDanger();
  else if (!state.inflight && !state.retryTimer) flushCheck();
}

function refocusIfAllowed() {
  const r = state.refocus;
  if (!r) return;
  if (performance.now() - r.at > 3000 || !$isConnected.call(r.el) || state.level === 'danger') {
    state.refocus = null;
    return;
  }
  if (isBlocked(r.el)) return; // still waiting for its check
  state.refocus = null;
  let a = null;
  try {
    a = $activeElement.call(document);
  } catch { /* ignore */ }
  const body = $body.call(document);
  if (!a || a === body || a === docEl()) {
    try {
      HE_focus.call(r.el);
    } catch { /* ignore */ }
  }
}

function installGuard() {
  for (const t of SHIELD_EVENTS) ET_add.call(window, t, onShield, true);
  for (const t of GUARD_EVENTS) ET_add.call(window, t, onGuardEvent, true);
  ET_add.call(window, 'focusout', onFocusOut, true);
  listenForFirstInput(); // after the guard's own: an event the guard holds never reaches the page, nor counts
}

// Installed before anything else, synchronously at document_start.
installGuard();
