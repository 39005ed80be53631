/*
 * Our own UI's events (content script part; see parts.txt): the caution notice's. Every event inside
 * <omamori-guard> is stopped at window capture, where our listeners were registered before any page script, so the
 * page never sees it; the person's trusted clicks run the button's action (runAction, by its data-act).
 */

// Our own UI: what the person does in it is handled HERE, at window capture, before any page listener.
// A page cannot then stop our buttons' clicks or keys (its own capture listeners with stopImmediatePropagation
// come after ours), nor see them. The target inside the closed shadow root is not in composedPath() seen from
// window: it is found by hit-testing the shadow root (mouse) or its focused element (keyboard).
const SHIELD_EVENTS = ['click', 'auxclick', 'dblclick', 'mousedown', 'mouseup', 'pointerdown', 'pointerup', 'keydown',
  'keyup', 'keypress', 'beforeinput', 'input', 'focusin', 'focusout', 'contextmenu', 'touchstart', 'touchend'];

function ownTarget(ev) {
  const root = guard.root;
  if (!root) return null;
  let t = null;
  try {
    // A click made by the keyboard (Enter/Space on a focused button) has detail 0 and no coordinates.
    if ((ev.type !== 'click' || ev.detail !== 0) && (ev.clientX || ev.clientY)) t = root.elementFromPoint(ev.clientX, ev.clientY);
  } catch { /* ignore */ }
  if (!t || N_getRootNode.call(t) !== root) {
    try {
      t = $srShadowActive.call(root);
    } catch {
      t = null;
    }
  }
  return t && N_getRootNode.call(t) === root ? t : null;
}

function onShield(ev) {
  if (state.dead || !guard.host) return;
  let path = [];
  try {
    path = ev.composedPath();
  } catch { /* ignore */ }
  if (!path.includes(guard.host)) return;
  ev.stopImmediatePropagation(); // the page never sees what happens in our UI
  if (!ev.isTrusted) return; // and cannot act in it
  const type = ev.type;
  if (type === 'pointerdown' || type === 'mousedown') {
    // A click on the caution notice (not a button) must not take focus away from the field being filled in.
    const t = ownTarget(ev);
    if (guard.notice && t && guard.notice.contains(t) && !closest(t, 'button')) ev.preventDefault();
    return;
  }
  if (type !== 'click') return;
  const t = ownTarget(ev);
  const btn = t && closest(t, '[data-act]');
  if (!btn) return;
  ev.preventDefault();
  runAction(attr(btn, 'data-act'));
}

/** The buttons of our UI, by their data-act (called from onShield, for trusted clicks only): the caution
 * notice's "close". */
function runAction(act) {
  if (act === 'notice-close') {
    state.noticeDismissed = true;
    hideNotice();
  }
}
