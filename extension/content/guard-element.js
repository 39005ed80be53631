/*
 * The <omamori-guard> element (content script part; see parts.txt): its host on <html> with an inline style a
 * page cannot override, its CLOSED shadow root and the CSS in it, and render(), which turns the state into the
 * element the verdict asks for (danger dialog, held link, caution notice, or no element at all).
 */

const guard = {
  host: null, root: null, level: null, brand: '', kind: '', dialog: null, card: null, cardKey: '', notice: null,
  noticeFor: null, tamperCount: 0, reportedTamper: false, tamperReports: 0, closing: false, watch: 0, busy: false,
  buttons: null, seenTop: new WeakSet(),
  linkHold: null, // {hold, info}: a deceptive link the person clicked, shown in linkDialog
  linkDialog: null,
};

const HOST_STYLE = 'all: initial !important; position: fixed !important; z-index: 2147483647 !important; ' +
  'top: 0 !important; left: 0 !important; width: 0 !important; height: 0 !important; overflow: visible !important; ' +
  'display: block !important; visibility: visible !important; opacity: 1 !important; pointer-events: none !important;';

const SHADOW_CSS = `
:host { all: initial !important; position: fixed !important; z-index: 2147483647 !important; top: 0 !important;
  left: 0 !important; width: 0 !important; height: 0 !important; overflow: visible !important; display: block !important;
  visibility: visible !important; opacity: 1 !important; pointer-events: none !important; transform: none !important;
  filter: none !important; clip-path: none !important; contain: none !important; }
dialog.om-dialog { pointer-events: auto; padding: 0; border: none; border-radius: 12px; width: min(40rem, calc(100vw - 24px));
  max-width: calc(100vw - 24px); max-height: calc(100vh - 24px); overflow: auto; margin: auto;
  box-shadow: 0 12px 48px rgba(0,0,0,.5); background: transparent; color-scheme: light dark; visibility: visible; opacity: 1; }
dialog.om-dialog:focus { outline: none; }
dialog.om-dialog::backdrop { background: rgba(24, 0, 0, .74); backdrop-filter: blur(6px); }
.om-card { border-radius: 12px; min-height: 100%; }
.om-notice-wrap { position: fixed; pointer-events: auto; top: 0; left: 0; z-index: 1; }
.om-notice-wrap[hidden] { display: none; }
`;

function selfMutate(fn) {
  fn();
  try {
    hostObserver.takeRecords();
  } catch { /* ignore */ }
}

function setHostAttrs(level, brand) {
  selfMutate(() => {
    const host = guard.host;
    E_setAttribute.call(host, 'data-level', level);
    E_setAttribute.call(host, 'data-brand', brand || '');
    if (guard.kind) E_setAttribute.call(host, 'data-kind', guard.kind);
    else E_removeAttribute.call(host, 'data-kind');
    E_setAttribute.call(host, 'style', HOST_STYLE);
    for (const a of ['hidden', 'inert', 'popover', 'class', 'id']) E_removeAttribute.call(host, a);
  });
}

function hostAttrsIntact() {
  const host = guard.host;
  return attr(host, 'data-level') === guard.level && attr(host, 'data-brand') === (guard.brand || '') &&
    attr(host, 'data-kind') === (guard.kind || '') &&
    attr(host, 'style') === HOST_STYLE && E_getAttribute.call(host, 'hidden') == null &&
    E_getAttribute.call(host, 'inert') == null && E_getAttribute.call(host, 'popover') == null;
}

/** Creates (once) the host with its closed shadow root, puts it on <html>, returns the shadow root.
 * kind: '' (the page's own warning) or 'link' (a held deceptive link). */
function ensureHost(level, brand, kind = '') {
  const de = docEl();
  if (!de) {
    whenRootExists(render);
    return null;
  }
  if (!guard.host) {
    const host = D_createElement.call(document, 'omamori-guard');
    let root;
    try {
      root = E_attachShadow.call(host, { mode: 'closed' });
    } catch (e) {
      // Only possible if the page pre-defined <omamori-guard> as its own custom element.
      tampered('shadow');
      return null;
    }
    guard.host = host;
    guard.root = root;
    const style = D_createElement.call(document, 'style');
    style.textContent = SHADOW_CSS + UI.CARD_CSS;
    root.append(style);
    hostObserver.observe(host, { attributes: true });
  }
  guard.level = level;
  guard.brand = brand || '';
  guard.kind = kind || '';
  if (!hostAttrsIntact()) setHostAttrs(level, brand);
  if ($parentNode.call(guard.host) !== de) {
    selfMutate(() => N_appendChild.call(de, guard.host));
  }
  return guard.root;
}

function clearShadow() {
  const root = guard.root;
  if (!root) return;
  closeOurDialog(guard.dialog);
  closeLinkDialog();
  for (const n of Array.from(root.childNodes)) if (localName(n) !== 'style') n.remove();
  guard.dialog = null;
  guard.card = null;
  guard.cardKey = '';
  guard.notice = null;
  guard.noticeFor = null;
  stopWatch();
}

function removeGuard() {
  stopWatch();
  closeLinkDialog();
  closeOurDialog(guard.dialog);
  if (guard.host) {
    const host = guard.host;
    guard.host = null; // first, so that the observers do not see a tampering
    try {
      hostObserver.disconnect();
    } catch { /* ignore */ }
    try {
      host.remove();
    } catch { /* ignore */ }
  }
  guard.root = null;
  guard.level = null;
  guard.kind = '';
  guard.dialog = null;
  guard.card = null;
  guard.cardKey = '';
  guard.notice = null;
  guard.noticeFor = null;
}

function render() {
  if (state.dead) return;
  const level = state.trusted || state.failOpen ? 'none' : state.level;
  if (level === 'danger') {
    guard.linkHold = null; // the page's own warning covers everything
    showDanger(state.verdict || {});
  } else if (guard.linkHold) showLinkHold();
  else if (level === 'caution') showCaution(state.verdict || {});
  else removeGuard();
}

let rootWaiter = null;
function whenRootExists(fn) {
  if (rootWaiter) return;
  rootWaiter = new MutationObserver(() => {
    if (docEl()) {
      rootWaiter.disconnect();
      rootWaiter = null;
      fn();
    }
  });
  rootWaiter.observe(document, { childList: true });
}

/** Closes one of our own dialogs; guard.closing tells its `close` handler that the page did not do it. */
function closeOurDialog(dlg) {
  if (!dlg) return;
  guard.closing = true;
  try {
    if (dlg.open) dlg.close();
  } catch { /* ignore */ }
  guard.closing = false;
}
