/*
 * Tamper-proof DOM access (content script part; see parts.txt). Every prototype method and getter the script
 * uses on page-controlled nodes, captured here, at document_start, before any page script runs: a page can
 * shadow a property by naming an element (<img name="querySelectorAll">, <input name="action">) or redefine a
 * prototype later, and neither reaches these. Plus the small readers built on them (attr, closest, text
 * clean-up) and shadowOf (open or closed shadow roots).
 */

const getter = (proto, name) => {
  for (let p = proto; p; p = Object.getPrototypeOf(p)) {
    const d = Object.getOwnPropertyDescriptor(p, name);
    if (d && d.get) return d.get;
  }
  return function () { return this[name]; };
};
const DP = Document.prototype;
const EP = Element.prototype;
const E_matches = EP.matches;
const D_getElementsByTagName = DP.getElementsByTagName;
const NP = Node.prototype;
const N_compareDocumentPosition = NP.compareDocumentPosition;
const $documentElement = getter(DP, 'documentElement');
const $body = getter(DP, 'body');
const $title = getter(DP, 'title');
const $readyState = getter(DP, 'readyState');
const $activeElement = getter(DP, 'activeElement');
const $designMode = getter(DP, 'designMode');
const $baseURI = getter(NP, 'baseURI');
const $parentNode = getter(NP, 'parentNode');
const $nodeType = getter(NP, 'nodeType');
const $previousSibling = getter(NP, 'previousSibling');
const $nextSibling = getter(NP, 'nextSibling');
const $firstChild = getter(NP, 'firstChild');
const $textContent = getter(NP, 'textContent');
const $firstElementChild = getter(EP, 'firstElementChild');
const $isConnected = getter(NP, 'isConnected');
const $localName = getter(EP, 'localName');
const $previousElementSibling = getter(EP, 'previousElementSibling');
const $parentElement = getter(NP, 'parentElement');
const $srShadowActive = getter(ShadowRoot.prototype, 'activeElement');
const D_qsa = DP.querySelectorAll;
const D_qs = DP.querySelector;
const D_getElementById = DP.getElementById;
const D_createTreeWalker = DP.createTreeWalker;
const D_createElement = DP.createElement;
const E_getAttribute = EP.getAttribute;
const E_setAttribute = EP.setAttribute;
const E_removeAttribute = EP.removeAttribute;
const E_closest = EP.closest;
const E_attachShadow = EP.attachShadow;
const E_getBoundingClientRect = EP.getBoundingClientRect;
const E_checkVisibility = EP.checkVisibility;
const F_qsa = DocumentFragment.prototype.querySelectorAll;
const F_getElementById = DocumentFragment.prototype.getElementById;
const N_appendChild = NP.appendChild;
const N_getRootNode = NP.getRootNode;
const ET_add = EventTarget.prototype.addEventListener;
const HE_blur = HTMLElement.prototype.blur;
const W_getComputedStyle = window.getComputedStyle;
const HE_focus = HTMLElement.prototype.focus;

const A_click = HTMLElement.prototype.click;
const ET_dispatch = EventTarget.prototype.dispatchEvent;
const F_requestSubmit = HTMLFormElement.prototype.requestSubmit;

const nodeType = (n) => $nodeType.call(n);
const localName = (n) => (n && nodeType(n) === 1 ? $localName.call(n) : '');
const attr = (el, name) => {
  const v = E_getAttribute.call(el, name);
  return v == null ? '' : String(v);
};
const closest = (el, sel) => {
  try {
    return E_closest.call(el, sel);
  } catch {
    return null;
  }
};
const clean = (s) => String(s || '').replace(/[\s\u00a0\u3000]+/g, ' ').trim();
const cut = (s, n) => {
  s = String(s || '');
  return s.length > n ? s.slice(0, n) : s;
};
const docEl = () => $documentElement.call(document);

/** Open or closed shadow root of a page element (content scripts may see closed ones). */
function shadowOf(el) {
  try {
    if (api.dom && typeof api.dom.openOrClosedShadowRoot === 'function') return api.dom.openOrClosedShadowRoot(el) || null;
    if ('openOrClosedShadowRoot' in el) return el.openOrClosedShadowRoot || null; // Firefox
    return el.shadowRoot || null;
  } catch {
    return null;
  }
}
