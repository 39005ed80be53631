/*
 * The input guard (content script part; see parts.txt). Capture-phase listeners on window, installed
 * synchronously at document_start (installGuard() at the end of this part): a text-entry field is held — keys
 * and text cancelled, focus taken away, IME compositions ended, text that got in anyway (autofill, password
 * managers) taken back out — while the frame has no verdict, while the field was not in a checked set of facts,
 * or while the verdict is `danger`. A held pending field asks for a page check at once (checks.js) and gets its
 * focus back when the answer allows it. Only trusted events count.
 */

const TEXT_TYPES = new Set(['text', 'password', 'email', 'tel', 'number', 'search', 'url', 'month', 'date',
  'week', 'time', 'datetime-local']);

const GUARD_EVENTS = ['focusin', 'keydown', 'keypress', 'beforeinput', 'input', 'paste', 'drop', 'compositionstart'];
const EDIT_KEYS = new Set(['Backspace', 'Delete', 'Enter', 'Process', 'Unidentified', 'Dead', 'Convert',
  'NonConvert', 'KanaMode', 'HiraganaKatakana', 'Hiragana', 'Katakana', 'Zenkaku', 'Hankaku', 'ZenkakuHankaku']);

function deepTarget(ev, path) {
  let t = (path && path[0]) || ev.target;
  for (let i = 0; i < 8 && t && nodeType(t) === 1; i++) {
    const sr = shadowOf(t);
    if (!sr) break;
    let a = null;
    try {
      a = $srShadowActive.call(sr);
    } catch { /* ignore */ }
    if (!a) break;
    t = a;
  }
  return t;
}

function isFormControl(el) {
  const ln = localName(el);
  return ln === 'input' || ln === 'textarea' || ln === 'select';
}

function isTextEntry(el) {
  if (!el || nodeType(el) !== 1) return false;
  const ln = localName(el);
  if (ln === 'input') {
    let type = 'text';
    try {
      type = String(el.type || 'text').toLowerCase();
    } catch { /* ignore */ }
    return TEXT_TYPES.has(type);
  }
  if (ln === 'textarea') return true;
  try {
    if (el.isContentEditable) return true;
  } catch { /* ignore */ }
  try {
    return $designMode.call(document) === 'on';
  } catch {
    return false;
  }
}

const isPending = (el) => state.level === null || (isFormControl(el) && !state.checked.has(el));

function isBlocked(el) {
  if (state.dead || state.failOpen || state.trusted) return false;
  // The address is the brand's own (official domain): no page content can change that verdict (the engine
  // answers `safe` for any page there), so nothing waits for the page check.
  if (state.level === 'safe') return false;
  if (state.level === 'danger') return true;
  return isPending(el);
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

function waitFor(el) {
  if (!state.waiting.some((w) => w.el === el)) state.waiting.push({ el, seq: state.seq + 1 });
  if (state.waiting.length > 50) state.waiting.shift();
}

function onGuardEvent(ev) {
  if (state.dead) return;
  const type = ev.type;
  let path = [];
  try {
    path = ev.composedPath();
  } catch { /* ignore */ }
  if (guard.host && path.includes(guard.host)) return; // our own UI
  const t = deepTarget(ev, path);
  if (!isTextEntry(t)) return;
  const blocked = isBlocked(t);

  if (type === 'input') {
    // Text that got in anyway (IME commit, autofill, a password manager): take it back out. On a danger
    // page this applies to script-made input events too: nothing gets filled in there.
    if (!blocked) return;
    if (!ev.isTrusted && state.level !== 'danger') return;
    restoreValue(t);
    ev.stopImmediatePropagation();
    return;
  }
  if (!ev.isTrusted) return;

  if (type === 'focusin') {
    checkUrlChange();
    if (!blocked) {
      onAllowedFocus(t);
      return;
    }
    ev.stopImmediatePropagation();
    snapshot(t);
    blurEl(t);
    if (state.level === 'danger') {
      nudgeDanger();
    } else {
      state.refocus = { el: t, at: performance.now() };
      waitFor(t);
      flushCheck();
    }
    return;
  }
  if (!blocked) return;
  if ((type === 'keydown' || type === 'keypress') && !isEditingKey(ev)) return;
  if (type === 'beforeinput') snapshot(t);
  ev.preventDefault();
  ev.stopImmediatePropagation();
  if (type === 'compositionstart') blurEl(t); // IME composition cannot be cancelled: end it
  if (state.level === 'danger') nudgeDanger();
  else {
    waitFor(t);
    flushCheck();
  }
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
