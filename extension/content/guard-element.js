/*
 * The <omamori-guard> element (content script part; see parts.txt): its host on <html> with an inline style a
 * page cannot override, its CLOSED shadow root and the CSS in it, and render(), which turns the state into what
 * the verdict asks for: the caution notice (the only warning drawn in a page: harmless if a page hides it), no
 * element at all otherwise. A `danger` is never drawn here: the background sends the tab to the warning page
 * (danger.js).
 */

const guard = { host: null, root: null, level: null, brand: '', notice: null, noticeFor: null };

const HOST_STYLE = 'all: initial !important; position: fixed !important; z-index: 2147483647 !important; ' +
  'top: 0 !important; left: 0 !important; width: 0 !important; height: 0 !important; overflow: visible !important; ' +
  'display: block !important; visibility: visible !important; opacity: 1 !important; pointer-events: none !important;';

const SHADOW_CSS = `
:host { all: initial !important; position: fixed !important; z-index: 2147483647 !important; top: 0 !important;
  left: 0 !important; width: 0 !important; height: 0 !important; overflow: visible !important; display: block !important;
  visibility: visible !important; opacity: 1 !important; pointer-events: none !important; transform: none !important;
  filter: none !important; clip-path: none !important; contain: none !important; }
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
    E_setAttribute.call(host, 'style', HOST_STYLE);
    for (const a of ['hidden', 'inert', 'popover', 'class', 'id', 'data-kind']) E_removeAttribute.call(host, a);
  });
}

function hostAttrsIntact() {
  const host = guard.host;
  return attr(host, 'data-level') === guard.level && attr(host, 'data-brand') === (guard.brand || '') &&
    attr(host, 'style') === HOST_STYLE && E_getAttribute.call(host, 'hidden') == null &&
    E_getAttribute.call(host, 'inert') == null && E_getAttribute.call(host, 'popover') == null;
}

/** Creates (once) the host with its closed shadow root, puts it on <html>, returns the shadow root — or null when
 * there is no root element yet, or when the page has defined `omamori-guard` itself: its constructor then owns the
 * element (ElementInternals would hand it our shadow root), so the element carries the level and nothing else. */
function ensureHost(level, brand) {
  const de = docEl();
  if (!de) {
    whenRootExists(render);
    return null;
  }
  if (!guard.host) {
    const host = D_createElement.call(document, 'omamori-guard');
    let root = null;
    let theirs = true;
    try {
      theirs = E_matches.call(host, ':defined'); // an element of ours is an undefined custom element
    } catch { /* ignore */ }
    if (!theirs) {
      try {
        root = E_attachShadow.call(host, { mode: 'closed' });
      } catch { /* ignore */ }
    }
    guard.host = host;
    guard.root = root;
    if (root) {
      const style = D_createElement.call(document, 'style');
      style.textContent = SHADOW_CSS + UI.CARD_CSS;
      root.append(style);
    }
    hostObserver.observe(host, { attributes: true });
  }
  guard.level = level;
  guard.brand = brand || '';
  if (!hostAttrsIntact()) setHostAttrs(level, brand);
  if ($parentNode.call(guard.host) !== de) {
    selfMutate(() => N_appendChild.call(de, guard.host));
  }
  return guard.root;
}

function removeGuard() {
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
  guard.notice = null;
  guard.noticeFor = null;
}

function render() {
  if (state.dead) return;
  const level = state.trusted || state.failOpen ? 'none' : state.level;
  if (level === 'caution') {
    showCaution(state.verdict || {});
    return;
  }
  removeGuard();
  if (level === 'danger') onDanger();
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
