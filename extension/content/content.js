/*
 * Omamori content script (a CLASSIC script; runs at document_start in every frame, after shared/ui.js).
 *
 * 1. Installs, at once, a capture-phase input guard on window: while the verdict is pending (no verdict yet,
 *    or a field that appeared after the last verdict) or `danger`, trusted key/text input into text-entry
 *    fields is stopped, and focus is taken away from them.
 * 2. Sends the URL alone to the background straight away (fast URL verdict). The PAGE FACTS (docs/engine-api.md;
 *    their visible-text sample needs style and layout) are read right after the first paint on a page with a
 *    login or card form, else after `load` at an idle moment (at the latest TEXT_FALLBACK_MS after
 *    DOMContentLoaded), or at once when a blocked field asks: nothing is extracted at DOMContentLoaded, and every
 *    field stays pending (typing blocked) until that check answers, unless the address is an official domain
 *    (`safe` from the URL alone: no page can change that). Again on DOM mutations (debounced, bounded) and SPA
 *    URL changes.
 * 3. Shows the guard the verdict asks for: <omamori-guard data-level="danger|caution" data-brand="…"> on
 *    document.documentElement with a CLOSED shadow root (a modal <dialog> for danger, a quiet notice next to
 *    the focused sensitive field for caution); no element otherwise.
 *
 * The page cannot reach anything here: this runs in the isolated world, and the UI lives in a closed shadow
 * root. Page-controlled DOM is read through prototype methods, because named elements can shadow
 * properties of document and form (<img name="querySelectorAll">, <input name="action">).
 */
(() => {
  'use strict';

  const UI = globalThis.OmamoriUI;
  const api = globalThis.browser ?? globalThis.chrome;
  if (!UI || !api || !api.runtime || !api.runtime.id) return;
  if (globalThis.__omamoriContent) return; // one instance per document
  globalThis.__omamoriContent = true;

  // ------------------------------------------------------------------ tamper-proof DOM access
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
  const $fullscreenElement = getter(DP, 'fullscreenElement');
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
  const D_exitFullscreen = DP.exitFullscreen;
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
  const HE_focus = HTMLElement.prototype.focus;

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

  // ------------------------------------------------------------------ constants
  const TEXT_TYPES = new Set(['text', 'password', 'email', 'tel', 'number', 'search', 'url', 'month', 'date',
    'week', 'time', 'datetime-local']);
  const SKIP_INPUT_TYPES = new Set(['hidden', 'submit', 'button', 'reset', 'image', 'checkbox', 'radio', 'file',
    'range', 'color']);
  const FIELD_TAGS = ['input', 'select', 'textarea'];
  const FOOTER_SELECTORS = ['footer', '[role=contentinfo]', '#footer', '.footer', 'address'];
  const COPYRIGHT_SELECTORS = ['[class*=copyright i]', '[id*=copyright i]'];
  const IMAGE_SELECTORS = ['img', 'input[type=image][alt]', 'svg title', '[role=img][aria-label]'];
  const RESOURCE_SELECTORS = ['link[href]', 'img[src]', 'script[src]'];
  const RESOURCE_RELS = new Set(['icon', 'apple-touch-icon', 'stylesheet']);
  const SKIP_TEXT_TAGS = new Set(['script', 'style', 'noscript', 'template', 'select', 'option', 'optgroup',
    'textarea', 'datalist', 'object', 'iframe', 'omamori-guard', 'head', 'title']);
  const SHADOW_HOST_TAGS = new Set(['article', 'aside', 'blockquote', 'body', 'div', 'footer', 'h1', 'h2', 'h3',
    'h4', 'h5', 'h6', 'header', 'main', 'nav', 'p', 'section', 'span']);
  const GUARD_EVENTS = ['focusin', 'keydown', 'keypress', 'beforeinput', 'input', 'paste', 'drop', 'compositionstart'];
  const EDIT_KEYS = new Set(['Backspace', 'Delete', 'Enter', 'Process', 'Unidentified', 'Dead', 'Convert',
    'NonConvert', 'KanaMode', 'HiraganaKatakana', 'Hiragana', 'Katakana', 'Zenkaku', 'Hankaku', 'ZenkakuHankaku']);
  const LIMITS = {
    inputs: 500, headings: 20, headingLen: 200, alts: 30, footer: 1000, text: 4000, forms: 20, resources: 50,
    label: 200, context: 200, attr: 200, shortAttr: 100, url: 2048, elements: 30000, textNodes: 4000, roots: 40,
    // <label> elements read for the label map: twice the inputs kept (a label sits next to its control, so those
    // of the first 500 fields come early; reading 5,000 labels took 1.5 ms)
    labels: 1000,
  };
  const DEBOUNCE_MS = 150;
  const MAX_WAIT_MS = 600;
  const RESPONSE_TIMEOUT_MS = 4000;
  // The first page check waits for `load` (then for an idle moment, at most IDLE_TIMEOUT_MS); a page whose
  // `load` does not come within TEXT_FALLBACK_MS of DOMContentLoaded gets it then.
  const IDLE_TIMEOUT_MS = 150;
  const ROOTS_BUDGET_MS = 3;
  const TEXT_FALLBACK_MS = 1500;

  // ------------------------------------------------------------------ state
  const DOC_ID = Math.random().toString(36).slice(2, 10) + Date.now().toString(36);
  const state = {
    level: null, // null = pending (no verdict yet); else 'none' | 'safe' | 'caution' | 'danger'
    verdict: null, // the verdict being shown (the most severe one for this document)
    trusted: false, // the user trusts this origin: never block, never warn
    failOpen: false, // the background could not answer: do not break the page
    dead: false, // the extension was reloaded or removed: this script is an orphan
    resetSticky: false, // the next verdict replaces the current one even if less severe (trust changed)
    checked: new WeakSet(), // form controls covered by a verdict
    kinds: new WeakMap(), // form control -> field kind (verdict.fields)
    snapshots: new WeakMap(), // blocked field -> value before the blocked input
    waiting: [], // [{el, seq}] fields blocked as pending, covered once a check issued after them answers
    refocus: null, // {el, at}: field that lost focus only because it was pending
    seq: 0,
    lastFp: '',
    lastElements: [],
    lastResponse: null,
    lastResponseFp: '',
    lastHref: location.href,
    extractions: 0,
    lastCheckAt: -1e9,
    cost: 0, // moving average of an extraction, ms
    startCost: null, // what this script took at document_start, ms (from shared/ui.js's first line; benchmarks)
    // The page facts (with their visible-text sample, which needs style and layout) are read after `load`, or
    // sooner when a blocked field asks: until then only the URL is checked, and every field is pending.
    textReady: false,
    noticeDismissed: false,
  };

  // ------------------------------------------------------------------ messaging
  function isContextGone(e) {
    const m = String((e && e.message) || e || '');
    return /context invalidated|Extension context|disconnected port|no such extension/i.test(m) || !api.runtime || !api.runtime.id;
  }

  function send(message, timeout = RESPONSE_TIMEOUT_MS) {
    return new Promise((resolve, reject) => {
      let done = false;
      const finish = (fn, v) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        fn(v);
      };
      const timer = setTimeout(() => finish(reject, new Error('timeout')), timeout);
      try {
        Promise.resolve(api.runtime.sendMessage(message)).then((r) => finish(resolve, r), (e) => finish(reject, e));
      } catch (e) {
        finish(reject, e);
      }
    });
  }

  async function sendWithRetry(message) {
    try {
      return await send(message);
    } catch (e) {
      if (isContextGone(e)) throw e;
      await new Promise((r) => setTimeout(r, 300));
      return send(message);
    }
  }

  function shutdown() {
    if (state.dead) return;
    state.dead = true;
    try {
      removeGuard();
    } catch { /* ignore */ }
    try {
      mutationObserver.disconnect();
    } catch { /* ignore */ }
  }

  // ------------------------------------------------------------------ page facts
  function effectiveUrl() {
    const href = location.href;
    if (/^https?:/i.test(href)) return cut(href, 8192);
    // about:blank / about:srcdoc / blob: documents inherit their creator's origin.
    const o = self.origin;
    if (o && o !== 'null' && /^https?:/i.test(o)) return o + '/';
    return cut(href, 8192);
  }
  function originOf(u) {
    try {
      const x = new URL(u);
      return /^https?:$/.test(x.protocol) ? x.origin : '';
    } catch {
      return '';
    }
  }
  const isTop = (() => {
    try {
      return window === window.top;
    } catch {
      return false;
    }
  })();

  function baseFacts() {
    let topUrl = null;
    if (!isTop) {
      try {
        topUrl = window.top.location.href; // same-origin parent only
      } catch {
        try {
          const ao = location.ancestorOrigins;
          if (ao && ao.length) topUrl = ao[ao.length - 1] + '/';
        } catch { /* ignore */ }
      }
    }
    return { url: effectiveUrl(), top_url: topUrl, is_top: isTop };
  }

  function absUrl(u) {
    if (!u) return '';
    try {
      const x = new URL(u, $baseURI.call(document));
      return cut(x.href, LIMITS.url);
    } catch {
      return '';
    }
  }

  /** Visible-ish text of a subtree, without form control contents, scripts or styles. */
  function textOf(root, max = 200) {
    if (!root) return '';
    if (nodeType(root) === 3) return cut(clean(root.data), max);
    if (nodeType(root) !== 1 && nodeType(root) !== 11) return '';
    if (SKIP_TEXT_TAGS.has(localName(root))) return '';
    // One text child (most labels, cells, headings): no tree walker needed.
    const only = $firstChild.call(root);
    if (only && nodeType(only) === 3 && !$nextSibling.call(only)) return cut(clean(cut(only.data, max * 3)), max);
    let out = '';
    let n;
    let count = 0;
    const w = D_createTreeWalker.call(document, root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
      acceptNode(node) {
        if (nodeType(node) === 1) return SKIP_TEXT_TAGS.has(localName(node)) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_SKIP;
        return NodeFilter.FILTER_ACCEPT;
      },
    });
    while ((n = w.nextNode()) && out.length < max * 3 && count++ < 400) out += cut(n.data, max * 3) + ' ';
    return cut(clean(out), max);
  }

  function hasControl(el) {
    try {
      // (most elements beside a field are a label or a cell with text only: no query needed)
      return nodeType(el) === 1 && !!$firstElementChild.call(el) && !!EP.querySelector.call(el, 'input:not([type=hidden]), select, textarea');
    } catch {
      return false;
    }
  }

  /** Map control -> its <label> elements, built once per extraction (el.labels scans the whole tree every time). */
  function labelMap(roots) {
    const map = new Map();
    for (const root of roots) {
      const labels = qsaIn(root, 'label');
      for (let i = 0; i < labels.length && i < LIMITS.labels; i++) {
        let c = null;
        try {
          c = labels[i].control; // <label for=…> or the first labelable descendant
        } catch { /* ignore */ }
        if (!c) continue;
        const list = map.get(c);
        if (list) list.push(labels[i]);
        else map.set(c, [labels[i]]);
      }
    }
    return map;
  }

  function labelOf(el, labels) {
    const parts = [];
    for (const l of (labels && labels.get(el)) || []) {
      if (parts.length >= 3) break;
      parts.push(textOf(l, LIMITS.label));
    }
    if (!parts.some(Boolean)) {
      const wrap = closest(el, 'label');
      if (wrap) parts.push(textOf(wrap, LIMITS.label));
    }
    const ids = attr(el, 'aria-labelledby');
    if (ids) {
      const root = N_getRootNode.call(el);
      for (const id of ids.split(/\s+/).filter(Boolean).slice(0, 5)) {
        let ref = null;
        try {
          ref = nodeType(root) === 9 ? D_getElementById.call(root, id) : F_getElementById.call(root, id);
        } catch { /* ignore */ }
        if (ref) parts.push(textOf(ref, LIMITS.label));
      }
    }
    const seen = new Set();
    const out = [];
    for (const p of parts) {
      if (p && !seen.has(p)) {
        seen.add(p);
        out.push(p);
      }
    }
    return cut(out.join(' '), LIMITS.label);
  }

  function contextOf(el) {
    // Table layout: the previous cell of the row (<th>カード番号</th><td><input></td>).
    const cell = closest(el, 'td, th');
    if (cell) {
      let p = $previousElementSibling.call(cell);
      for (let i = 0; p && i < 4; i++, p = $previousElementSibling.call(p)) {
        if (hasControl(p)) break;
        const t = textOf(p, LIMITS.context);
        if (t) return t;
      }
    }
    // Definition list: <dt>カード番号</dt><dd><input></dd>.
    const dd = closest(el, 'dd');
    if (dd) {
      let p = $previousElementSibling.call(dd);
      for (let i = 0; p && i < 4; i++, p = $previousElementSibling.call(p)) {
        if (localName(p) === 'dt') {
          const t = textOf(p, LIMITS.context);
          if (t) return t;
        }
      }
    }
    // Preceding sibling text, climbing a few levels; stops at a sibling holding another control.
    let node = el;
    for (let depth = 0; depth < 4 && node; depth++) {
      let sib = $previousSibling.call(node);
      for (let steps = 0; sib && steps < 8; steps++, sib = $previousSibling.call(sib)) {
        const nt = nodeType(sib);
        if (nt === 3) {
          const t = clean(sib.data);
          if (t) return t.length > LIMITS.context ? t.slice(-LIMITS.context) : t;
        } else if (nt === 1) {
          if (hasControl(sib) || ['input', 'select', 'textarea'].includes(localName(sib))) return '';
          const t = textOf(sib, LIMITS.context);
          if (t) return t;
        }
      }
      node = $parentNode.call(node);
      const ln = localName(node);
      if (!node || nodeType(node) !== 1 || ln === 'form' || ln === 'body' || ln === 'html' || ln === 'fieldset') break;
    }
    return '';
  }

  function formActionOf(el, cache) {
    let form = null;
    try {
      form = el.form;
    } catch { /* ignore */ }
    if (!form || nodeType(form) !== 1) return '';
    if (cache && cache.has(form)) return cache.get(form);
    const a = E_getAttribute.call(form, 'action');
    const u = a == null || !a.trim() ? '' : absUrl(a.trim());
    if (cache) cache.set(form, u); // one URL parse per form, not per field
    return u;
  }

  function inputFact(el, labels, actions) {
    const tag = localName(el);
    let type = '';
    try {
      type = String(el.type || '').toLowerCase();
    } catch { /* ignore */ }
    const f = {
      tag,
      type: type || (tag === 'input' ? 'text' : tag),
      name: cut(attr(el, 'name'), LIMITS.shortAttr),
      id: cut(attr(el, 'id'), LIMITS.shortAttr),
      autocomplete: cut(attr(el, 'autocomplete'), LIMITS.shortAttr),
      inputmode: cut(attr(el, 'inputmode'), 40),
      placeholder: cut(clean(attr(el, 'placeholder')), LIMITS.attr),
      aria_label: cut(clean(attr(el, 'aria-label')), LIMITS.attr),
      label: labelOf(el, labels),
      context: contextOf(el),
      form_action: formActionOf(el, actions),
    };
    if (tag !== 'select') {
      const ml = Number(attr(el, 'maxlength'));
      if (attr(el, 'maxlength') !== '' && Number.isInteger(ml) && ml >= 0 && ml <= 100000) f.maxlength = ml;
    }
    return f;
  }

  function isFactInput(el) {
    const tag = localName(el);
    if (tag === 'select' || tag === 'textarea') return true;
    if (tag !== 'input') return false;
    let type = 'text';
    try {
      type = String(el.type || 'text').toLowerCase();
    } catch { /* ignore */ }
    return !SKIP_INPUT_TYPES.has(type);
  }

  /** The shadow roots (innermost first) that hold el, if any. */
  function rootsHolding(el) {
    const out = [];
    let r = null;
    try {
      r = N_getRootNode.call(el);
      for (let i = 0; i < 8 && r && nodeType(r) === 11 && r.host; i++) {
        out.push(r);
        r = N_getRootNode.call(r.host);
      }
    } catch { /* ignore */ }
    return out;
  }

  /**
   * The document plus every shadow root (open or closed) found under it, bounded: at most LIMITS.roots roots, and
   * ROOTS_BUDGET_MS of looking (visiting every element of a huge page for hosts took 6-18 ms). A field in a shadow
   * root not found in time is not in the facts, so it stays pending (blocked); once it is focused or typed into it
   * waits in state.waiting, and its roots are always looked in.
   */
  function collectRoots() {
    const roots = [document];
    for (const w of state.waiting) {
      for (const r of rootsHolding(w.el)) if (r !== guard.root && !roots.includes(r) && roots.length < LIMITS.roots) roots.push(r);
    }
    const end = performance.now() + ROOTS_BUDGET_MS;
    for (let i = 0; i < roots.length && roots.length < LIMITS.roots; i++) {
      let all;
      try {
        all = i === 0 ? D_qsa.call(document, '*') : F_qsa.call(roots[i], '*');
      } catch {
        continue;
      }
      const n = Math.min(all.length, LIMITS.elements);
      for (let j = 0; j < n && roots.length < LIMITS.roots; j++) {
        if ((j & 255) === 255 && performance.now() > end) return roots;
        const el = all[j];
        // Only custom elements and SHADOW_HOST_TAGS can host a shadow root (attachShadow's own list).
        const ln = $localName.call(el);
        const custom = ln.includes('-');
        if (!custom && !SHADOW_HOST_TAGS.has(ln)) continue;
        let sr = null;
        try {
          sr = el.shadowRoot; // open roots: cheap
        } catch { /* ignore */ }
        // Closed roots: only where one is likely (custom elements, empty hosts).
        if (!sr && (custom || !$firstChild.call(el))) sr = shadowOf(el);
        if (sr && sr !== guard.root && !roots.includes(sr)) roots.push(sr);
      }
    }
    return roots;
  }

  function qsaIn(root, sel) {
    try {
      return nodeType(root) === 9 ? D_qsa.call(root, sel) : F_qsa.call(root, sel);
    } catch {
      return [];
    }
  }

  /** Whether a comes before b in document order. */
  function precedes(a, b) {
    try {
      return (N_compareDocumentPosition.call(a, b) & 4) !== 0; // 4: b follows a
    } catch {
      return false;
    }
  }

  /**
   * Visits the elements of root matching any of `sels`, in document order and each once, until visit returns
   * false: what one query with the selector list would give. Each selector is queried on its own, which keeps
   * Blink's fast paths (a list takes the slow path: on a 15,000-element page `input, select, textarea` took
   * 0.8 ms, `input` 0.1 ms; the image-alt list 2.7 ms, its five queries ~0.8 ms), and the results are merged by
   * comparing the lists' heads only (nothing at all when a single list has elements).
   */
  function eachInOrder(root, sels, visit) {
    const ls = [];
    for (const sel of sels) {
      const l = qsaIn(root, sel);
      if (l.length) ls.push(l);
    }
    if (ls.length === 1) {
      const l = ls[0];
      for (let i = 0; i < l.length; i++) if (visit(l[i]) === false) return;
      return;
    }
    const pos = ls.map(() => 0);
    let last = null;
    for (;;) {
      let best = -1;
      for (let k = 0; k < ls.length; k++) {
        if (pos[k] < ls[k].length && (best < 0 || precedes(ls[k][pos[k]], ls[best][pos[best]]))) best = k;
      }
      if (best < 0) return;
      const el = ls[best][pos[best]++];
      if (el === last) continue; // in two lists: both heads were this element
      last = el;
      if (visit(el) === false) return;
    }
  }

  /** The first `max` elements matching any of `sels` in root, in document order (as one selector-list query). */
  function firstOf(root, sels, max) {
    const out = [];
    if (max > 0) eachInOrder(root, sels, (el) => out.push(el) < max);
    return out;
  }

  /** An <img> that one of IMAGE_SELECTORS' other selectors would have matched. */
  function isImageWithText(el) {
    const has = (name) => E_getAttribute.call(el, name) != null;
    return has('alt') || has('title') || (E_getAttribute.call(el, 'role') === 'img' && has('aria-label'));
  }

  function visibleText(max) {
    const body = $body.call(document);
    if (!body) return '';
    let out = '';
    let count = 0;
    const vis = new Map();
    const w = D_createTreeWalker.call(document, body, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
      acceptNode(node) {
        if (nodeType(node) === 1) return SKIP_TEXT_TAGS.has(localName(node)) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_SKIP;
        return NodeFilter.FILTER_ACCEPT;
      },
    });
    let n;
    while ((n = w.nextNode()) && out.length < max && count++ < LIMITS.textNodes) {
      const t = clean(cut(n.data, max * 2)); // a 1 MB text node: only its start can be kept
      if (!t) continue;
      const parent = $parentElement.call(n);
      if (parent && E_checkVisibility) {
        let v = vis.get(parent);
        if (v === undefined) {
          try {
            v = E_checkVisibility.call(parent, { visibilityProperty: true, opacityProperty: true });
          } catch {
            v = true;
          }
          vis.set(parent, v);
        }
        if (!v) continue;
      }
      out += t + ' ';
    }
    return cut(out.trim(), max);
  }

  // The page's marks (issue 16): logos as image file names, classes and ids (kits draw brands as images), the
  // favicon, the buttons' words, file inputs and editable elements used as fields.
  const LOGO_HINT = /logo|brand|header|site-title|ロゴ/i;
  const LOGO_SELECTORS = ['[class*=logo i]', '[id*=logo i]', '[class*=brand i]', '[id*=brand i]'];
  const BUTTON_SELECTORS = ['button', 'input[type=submit]', 'input[type=button]', '[role=button]'];
  const MARK_LIMITS = { logos: 30, logoLen: 300, images: 200, logoElements: 40, styled: 10, buttons: 20, buttonLen: 100, editables: 20 };

  /** The file name of a URL (no path, query or fragment). */
  function baseName(u) {
    const path = String(u || '').trim().split(/[?#]/)[0];
    return cut(path.slice(path.lastIndexOf('/') + 1), 120);
  }

  /** One logos entry: image file name, class, id, alt. */
  function markEntry(el, file) {
    const cls = typeof el.className === 'string' ? el.className : attr(el, 'class');
    const parts = [file, cls, attr(el, 'id'), attr(el, 'alt') || attr(el, 'aria-label') || attr(el, 'title')];
    return cut(clean(parts.filter(Boolean).join(' ')), MARK_LIMITS.logoLen);
  }

  /** Logo-like images and marks of root, entries that say logo first (docs/engine-api.md `logos`). */
  function logosOf(root, out, styled) {
    const add = (entry, logo) => {
      if (entry && !out.some((o) => o.entry === entry)) out.push({ entry, logo });
    };
    let n = 0;
    for (const img of qsaIn(root, 'img')) {
      if (n++ >= MARK_LIMITS.images) break;
      const src = attr(img, 'src') || (attr(img, 'srcset').split(/[\s,]+/)[0] || '');
      const e = markEntry(img, baseName(src));
      add(e, LOGO_HINT.test(e) || !!closest(img, 'header, [class*=logo i], [id*=logo i]'));
    }
    for (const u of firstOf(root, ['svg use'], 50)) {
      const href = attr(u, 'href') || attr(u, 'xlink:href');
      const svg = closest(u, 'svg');
      const e = markEntry(svg || u, cut(href.split('/').pop(), 120));
      add(e, LOGO_HINT.test(e));
    }
    for (const el of firstOf(root, LOGO_SELECTORS, MARK_LIMITS.logoElements)) {
      if (localName(el) === 'img') continue;
      let file = '';
      // a CSS background image: its computed style, for a few elements only (style is computed at this point)
      if (styled.count < MARK_LIMITS.styled) {
        styled.count++;
        try {
          const bg = getComputedStyle(el).backgroundImage || '';
          const m = bg.match(/url\(["']?([^"')]+)["']?\)/);
          if (m) file = baseName(m[1]);
        } catch { /* ignore */ }
      }
      add(markEntry(el, file), true);
    }
  }

  function faviconOf() {
    for (const l of qsaIn(document, 'link[href]')) {
      if (attr(l, 'rel').toLowerCase().split(/[\t\n\f\r ]+/).includes('icon')) return absUrl(attr(l, 'href'));
    }
    return '';
  }

  function buttonsOf(root, out) {
    for (const el of firstOf(root, BUTTON_SELECTORS, MARK_LIMITS.buttons * 2)) {
      if (out.length >= MARK_LIMITS.buttons) break;
      const t = localName(el) === 'input' ? clean(attr(el, 'value')) : textOf(el, MARK_LIMITS.buttonLen);
      if (t && !out.includes(t)) out.push(cut(t, MARK_LIMITS.buttonLen));
    }
  }

  /** A file input as a fact (an upload step): never a text field. */
  function fileFact(el, labels, actions) {
    return {
      tag: 'input', type: 'file', name: cut(attr(el, 'name'), LIMITS.shortAttr), id: cut(attr(el, 'id'), LIMITS.shortAttr),
      label: labelOf(el, labels), context: contextOf(el), form_action: formActionOf(el, actions),
      aria_label: cut(clean(attr(el, 'aria-label')), LIMITS.attr),
    };
  }

  /** Extracts PageFacts (docs/engine-api.md) and the element for each facts.inputs entry, in order. */
  function extractFacts() {
    const facts = baseFacts();
    const elements = [];
    const inputs = [];
    const headings = [];
    const alts = [];
    const formActions = [];
    const resources = [];
    const logos = [];
    const buttons = [];
    const styled = { count: 0 };
    let footer = '';
    facts.title = cut(clean($title.call(document)), 300);
    // meta[property="og:site_name" i], meta[name="og:site_name" i] (a selector list: the slow path, ~0.6 ms on a
    // 15,000-element page; the <meta> elements alone are a fast query)
    let og = null;
    for (const m of qsaIn(document, 'meta')) {
      if (attr(m, 'property').toLowerCase() === 'og:site_name' || attr(m, 'name').toLowerCase() === 'og:site_name') {
        og = m;
        break;
      }
    }
    facts.site_name = og ? cut(clean(attr(og, 'content')), 200) : '';

    const roots = collectRoots();
    const labels = labelMap(roots);
    const actions = new Map();
    for (const root of roots) {
      eachInOrder(root, FIELD_TAGS, (el) => {
        if (inputs.length >= LIMITS.inputs) return false;
        if (!isFactInput(el)) {
          if (localName(el) === 'input' && attr(el, 'type').toLowerCase() === 'file') {
            inputs.push(fileFact(el, labels, actions));
            elements.push(el);
          }
          return true;
        }
        inputs.push(inputFact(el, labels, actions));
        elements.push(el);
        return true;
      });
      // an editable element used as a field
      for (const el of firstOf(root, ['[contenteditable]'], MARK_LIMITS.editables)) {
        if (inputs.length >= LIMITS.inputs) break;
        const parent = $parentElement.call(el);
        if (!el.isContentEditable || (parent && parent.isContentEditable)) continue; // only the editable root
        inputs.push({ ...inputFact(el, labels, actions), tag: 'contenteditable', type: '' });
        elements.push(el);
      }
      logosOf(root, logos, styled);
      buttonsOf(root, buttons);
      for (const el of firstOf(root, ['h1', 'h2', 'h3'], LIMITS.headings * 2)) {
        if (headings.length >= LIMITS.headings) break;
        const t = textOf(el, LIMITS.headingLen);
        if (t && !headings.includes(t)) headings.push(t);
      }
      // The first 200 of img[alt], img[title], input[type=image][alt], svg title, [role=img][aria-label]: one
      // query for every <img> (which the test below narrows) instead of two full-document ones.
      const imgs = [];
      let seen = 0;
      eachInOrder(root, IMAGE_SELECTORS, (el) => {
        const ln = localName(el);
        if (ln === 'img' && !isImageWithText(el)) return true;
        if (seen++ >= 200) return false;
        // (an SVG <title>: textOf skips <title> elements, the document's own title among them)
        const t = ln === 'title' ? cut(clean(cut($textContent.call(el), 300)), 100) : clean(attr(el, 'alt') || attr(el, 'title') || attr(el, 'aria-label'));
        if (!t) return true;
        const hint = (attr(el, 'src') + ' ' + attr(el, 'class') + ' ' + attr(el, 'id') + ' ' + t).toLowerCase();
        imgs.push({ t: cut(t, 100), logo: /logo|brand|header|ロゴ/.test(hint) });
        return true;
      });
      imgs.sort((a, b) => Number(b.logo) - Number(a.logo));
      for (const i of imgs) {
        if (alts.length >= LIMITS.alts) break;
        if (!alts.includes(i.t)) alts.push(i.t);
      }
      for (const f of qsaIn(root, 'form[action]')) {
        if (formActions.length >= LIMITS.forms) break;
        const a = absUrl(clean(E_getAttribute.call(f, 'action')));
        if (a && !formActions.includes(a)) formActions.push(a);
      }
      if (footer.length < LIMITS.footer) {
        // The footer; elements whose class or id says "copyright" only where there is none (those two selectors
        // search every class and id of the page: ~1 ms on a 15,000-element page, for what is nearly always
        // inside the footer already).
        let found = firstOf(root, FOOTER_SELECTORS, 40);
        if (!found.length) found = firstOf(root, COPYRIGHT_SELECTORS, 40);
        for (const el of found) {
          if (footer.length >= LIMITS.footer) break;
          const t = textOf(el, LIMITS.footer);
          if (t && !footer.includes(t)) footer += (footer ? ' ' : '') + t;
        }
      }
    }
    // (link[rel~=icon i][href], link[rel~=apple-touch-icon i][href], link[rel~=stylesheet i][href], img[src],
    // script[src]: the rel test in script keeps every query on a fast path)
    eachInOrder(document, RESOURCE_SELECTORS, (el) => {
      if (resources.length >= LIMITS.resources) return false;
      const ln = localName(el);
      if (ln === 'link' && !attr(el, 'rel').toLowerCase().split(/[\t\n\f\r ]+/).some((t) => RESOURCE_RELS.has(t))) return true;
      const u = absUrl(attr(el, ln === 'link' ? 'href' : 'src'));
      if (/^https?:/i.test(u) && !resources.includes(u)) resources.push(u);
      return true;
    });

    facts.headings = headings;
    facts.image_alts = alts;
    const text = visibleText(LIMITS.text);
    // Copyright lines often sit outside <footer>.
    if (footer.length < LIMITS.footer) {
      const m = text.match(/(?:©|\(c\)|copyright|著作権)[^。]{0,120}/gi);
      if (m) for (const s of m.slice(0, 3)) if (!footer.includes(s)) footer += (footer ? ' ' : '') + s.trim();
    }
    facts.footer_text = cut(footer, LIMITS.footer);
    facts.text = text;
    facts.form_actions = formActions;
    facts.resource_urls = resources;
    facts.inputs = inputs;
    logos.sort((a, b) => Number(b.logo) - Number(a.logo));
    facts.logos = logos.slice(0, MARK_LIMITS.logos).map((l) => l.entry);
    facts.favicon = faviconOf();
    facts.buttons = buttons;
    return { facts, elements, roots };
  }

  // ------------------------------------------------------------------ checks
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
    sendWithRetry({ type: 'check', seq, doc: DOC_ID, facts, cost: Math.round(cost * 100) / 100, start: state.startCost })
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

  // ------------------------------------------------------------------ input guard
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

  function onFocusOut(ev) {
    if (!ev.isTrusted || !guard.notice) return;
    setTimeout(() => {
      let a = null;
      try {
        a = $activeElement.call(document);
      } catch { /* ignore */ }
      if (!a || !isTextEntry(deepTarget({ target: a }, null))) hideNotice();
    }, 0);
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

  // ---- our own UI: what the person does in it is handled HERE, at window capture, before any page listener.
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

  function installGuard() {
    for (const t of SHIELD_EVENTS) ET_add.call(window, t, onShield, true);
    for (const t of GUARD_EVENTS) ET_add.call(window, t, onGuardEvent, true);
    ET_add.call(window, 'focusout', onFocusOut, true);
  }

  // Installed before anything else, synchronously at document_start.
  installGuard();

  // ------------------------------------------------------------------ the guard element
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

  // ---- danger: modal dialog
  function verdictKey(v) {
    return JSON.stringify([v.brand, v.host, v.registrable_domain, (v.reasons || []).map((r) => r && r.code),
      (v.fields || []).map((f) => f && f.kind), v.go_instead && v.go_instead.top]);
  }

  function showDanger(v) {
    const root = ensureHost('danger', v.brand || '');
    if (!root) return;
    if (!guard.dialog) {
      clearShadow();
      const dlg = UI.h(document, 'dialog', { class: 'om-dialog', role: 'alertdialog', 'aria-modal': 'true' });
      dlg.addEventListener('cancel', (e) => {
        // Escape = leave.
        e.preventDefault();
        if (e.isTrusted) doLeave();
      });
      dlg.addEventListener('close', () => {
        // 'close' is fired asynchronously: a close-and-reopen of ours (openModal) finds the dialog open again.
        if (guard.closing || dlg.open || guard.dialog !== dlg || guard.level !== 'danger') return;
        // Closed by the browser (repeated Escape): that is a request to leave; keep the warning up meanwhile.
        doLeave();
        openModal(true);
      });
      guard.dialog = dlg;
      root.append(dlg);
    }
    const key = verdictKey(v);
    if (key !== guard.cardKey) {
      let focusAct = 'leave';
      try {
        const a = guard.root.activeElement;
        if (a && a.getAttribute('data-act')) focusAct = a.getAttribute('data-act');
      } catch { /* ignore */ }
      const built = UI.buildWarningCard(document, v, { idPrefix: 'omamori-', headingTag: 'h2' });
      if (guard.card) guard.card.replaceWith(built.card);
      else guard.dialog.append(built.card);
      guard.card = built.card;
      guard.cardKey = key;
      guard.dialog.setAttribute('aria-labelledby', built.titleId);
      guard.dialog.setAttribute('aria-describedby', built.descId);
      guard.buttons = built;
      if (guard.dialog.open) focusAction(focusAct);
    }
    openModal(false);
    startWatch();
  }

  function focusAction(act) {
    const b = guard.buttons && ({ leave: guard.buttons.leave, report: guard.buttons.report, continue: guard.buttons.proceed })[act];
    try {
      (b || guard.buttons.leave).focus({ preventScroll: false });
    } catch { /* ignore */ }
  }

  function isModalOpen() {
    try {
      return guard.dialog.open && guard.dialog.matches(':modal');
    } catch {
      return guard.dialog.open;
    }
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

  function openModal(force) {
    const dlg = guard.dialog;
    if (!dlg || !$isConnected.call(dlg)) return;
    if (!force && isModalOpen()) return;
    closeOurDialog(dlg);
    try {
      dlg.showModal();
    } catch {
      try {
        dlg.show();
      } catch { /* ignore */ }
    }
    focusAction('leave');
  }

  /** The buttons of our UI, by their data-act (called from onShield, for trusted clicks only). */
  function runAction(act) {
    if (act === 'notice-close') {
      state.noticeDismissed = true;
      hideNotice();
      return;
    }
    if (act.startsWith('link-')) {
      linkAction(act);
      return;
    }
    if (guard.busy || !guard.dialog) return;
    if (act === 'leave') doLeave();
    else if (act === 'report') doReport();
    else if (act === 'continue') doContinue();
    else if (act === 'wrong') doWrong();
  }

  // Keep the dialog the top-most thing: a page may open its own modal dialog, popover or fullscreen on top.
  function startWatch() {
    if (guard.watch) return;
    guard.watch = setInterval(() => {
      if (state.dead || guard.level !== 'danger' || !guard.dialog) return stopWatch();
      // Page elements in the top layer (our own dialog is in a shadow root: not matched from the document).
      let fresh = false;
      try {
        for (const el of D_qsa.call(document, ':modal, :popover-open')) {
          if (!guard.seenTop.has(el)) {
            guard.seenTop.add(el);
            fresh = true;
          }
        }
      } catch { /* ignore */ }
      let fs = null;
      try {
        fs = $fullscreenElement.call(document);
      } catch { /* ignore */ }
      if (fs) {
        try {
          D_exitFullscreen.call(document).catch(() => {});
        } catch { /* ignore */ }
      }
      if (!guard.host || !$isConnected.call(guard.host) || $parentNode.call(guard.host) !== docEl()) {
        tampered('removed');
        render();
        openModal(true);
      } else if (fresh || fs || !isModalOpen()) {
        openModal(true);
      }
      checkRootInert();
      // Hidden by the page (display/visibility/opacity/content-visibility on <html>): the warning page takes over.
      if (guard.dialog && E_checkVisibility && isModalOpen()) {
        let visible = true;
        try {
          visible = E_checkVisibility.call(guard.dialog, { opacityProperty: true, visibilityProperty: true });
        } catch { /* ignore */ }
        if (!visible) tampered('hidden');
      }
    }, 700);
  }
  function stopWatch() {
    if (guard.watch) clearInterval(guard.watch);
    guard.watch = 0;
  }

  function nudgeDanger() {
    if (guard.level !== 'danger' || !guard.host || !$isConnected.call(guard.host)) render();
    if (guard.dialog && !isModalOpen()) openModal(true);
  }

  // ---- actions
  async function doLeave() {
    if (guard.busy) return;
    guard.busy = true;
    const canGoBack = isTop && history.length > 1;
    try {
      const r = await send({ type: 'leave', can_go_back: canGoBack });
      if (r && r.ok) return;
    } catch (e) {
      if (isContextGone(e)) shutdown();
    } finally {
      setTimeout(() => { guard.busy = false; }, 800);
    }
    // The background could not do it: do it from here.
    const top = UI.httpUrl(state.verdict && state.verdict.go_instead && state.verdict.go_instead.top);
    try {
      if (top) {
        window.top.location.href = top;
        return;
      }
      if (canGoBack) {
        history.back();
        return;
      }
      window.top.location.href = 'about:blank';
    } catch {
      location.href = 'about:blank';
    }
  }

  async function doReport(mode) {
    guard.busy = true;
    try {
      await send(mode === 'wrong' ? { type: 'open-report', mode } : { type: 'open-report' });
    } catch (e) {
      if (isContextGone(e)) shutdown();
    } finally {
      guard.busy = false;
    }
  }

  // "This warning is wrong": the report page in its 'wrong' mode (text for the project + trust the site).
  const doWrong = () => doReport('wrong');

  async function doContinue() {
    guard.busy = true;
    try {
      await send({ type: 'trust-origin', url: effectiveUrl() });
    } catch (e) {
      if (isContextGone(e)) shutdown();
      // Even if it could not be remembered, the person chose to go on: stop warning in this document.
    } finally {
      guard.busy = false;
    }
    state.trusted = true;
    render();
  }

  function tampered(what) {
    guard.tamperCount++;
    if (state.level === 'danger' && !state.trusted && !guard.reportedTamper && guard.tamperReports < 8) {
      guard.reportedTamper = true;
      guard.tamperReports++;
      // Sent once; sent again on the next tampering if the background did not take the tab away (it had not
      // yet recorded this document's danger, or it was restarting).
      send({ type: 'guard-tampered', what })
        .then((r) => {
          if (!(r && r.redirected)) guard.reportedTamper = false;
        })
        .catch(() => {
          guard.reportedTamper = false;
        });
    }
  }

  // ---- caution: a quiet notice next to the focused sensitive field
  function showCaution(v) {
    const root = ensureHost('caution', v.brand || '');
    if (!root) return;
    if (guard.dialog) clearShadow();
    if (!guard.notice) {
      const wrap = UI.h(document, 'div', { class: 'om-notice-wrap', hidden: true, role: 'status', 'aria-live': 'polite' });
      // (A click on the notice keeps the focus in the field: see onShield.)
      guard.notice = wrap;
      root.append(wrap);
    }
    let a = null;
    try {
      a = $activeElement.call(document);
    } catch { /* ignore */ }
    const t = a ? deepTarget({ target: a }, null) : null;
    if (t && isTextEntry(t)) onAllowedFocus(t);
  }

  function onAllowedFocus(el) {
    if (state.trusted || state.level !== 'caution' || state.noticeDismissed || !guard.notice) return;
    const v = state.verdict || {};
    const kind = state.kinds.get(el);
    const anyField = !Array.isArray(v.fields) || v.fields.length === 0;
    if (!kind && !anyField) return;
    fillNotice(v, kind);
    guard.noticeFor = el;
    guard.notice.hidden = false;
    positionNotice();
  }

  function fillNotice(v, kind) {
    const wrap = guard.notice;
    const h = (...a) => UI.h(document, ...a);
    const close = h('button', { type: 'button', class: 'om-notice-close', 'data-act': 'notice-close' }, UI.msg('caution_close'));
    const reasons = UI.uniqueReasons(v).slice(0, 3);
    const body = h('div', { class: 'om-notice', lang: UI.LANG },
      h('div', { class: 'om-notice-head' },
        h('p', { class: 'om-notice-title' }, UI.msg('caution_title')), close),
      h('p', null, kind ? UI.msg('caution_field', UI.kindName(kind)) : UI.msg('caution_generic')),
      v.host ? h('p', null, UI.msg('caution_address') + ' ', UI.hostLine(document, v.host, v.registrable_domain)) : null,
      reasons.length ? h('ul', null, reasons.map((r) => h('li', null, r.text))) : null);
    wrap.replaceChildren(body);
  }

  function hideNotice() {
    if (guard.notice) guard.notice.hidden = true;
    guard.noticeFor = null;
  }

  function positionNotice() {
    const el = guard.noticeFor;
    const wrap = guard.notice;
    if (!el || !wrap || wrap.hidden) return;
    let r;
    try {
      r = E_getBoundingClientRect.call(el);
    } catch {
      return;
    }
    const vw = window.innerWidth;
    const vh = window.innerHeight;
    const w = Math.min(wrap.offsetWidth || 420, vw - 16);
    const hgt = wrap.offsetHeight || 120;
    let top;
    let left;
    if (r.right + 12 + w <= vw - 8) {
      // Beside the field: the rest of the form stays visible.
      left = r.right + 12;
      top = Math.max(8, Math.min(r.top, vh - hgt - 8));
    } else {
      left = Math.max(8, Math.min(r.left, vw - w - 8));
      top = r.bottom + 8;
      if (top + hgt > vh - 8 && r.top - hgt - 8 > 8) top = r.top - hgt - 8;
      top = Math.max(8, Math.min(top, vh - hgt - 8));
    }
    wrap.style.top = top + 'px';
    wrap.style.left = left + 'px';
  }
  ET_add.call(window, 'scroll', () => positionNotice(), { capture: true, passive: true });
  ET_add.call(window, 'resize', () => positionNotice(), { passive: true });

  // ------------------------------------------------------------------ hostile pages
  const hostObserver = new MutationObserver(() => {
    if (!guard.host || state.dead) return;
    if (!hostAttrsIntact()) {
      tampered('attributes');
      setHostAttrs(guard.level, guard.brand);
    }
  });

  // A page whose own MutationObserver removes the guard as soon as it is put back would keep both observers
  // answering each other in microtasks forever, and the tab would hang: after a few put-backs in a short time,
  // the next one waits for a timer, so the page's thread (and the report that sends the tab away) gets to run.
  const putBacks = [];
  let putBackTimer = 0;

  function checkGuardInPlace() {
    if (!guard.host || !guard.level) return;
    const de = docEl();
    if (de && $parentNode.call(guard.host) !== de) {
      tampered('removed');
      const now = performance.now();
      while (putBacks.length && now - putBacks[0] > 50) putBacks.shift();
      if (putBacks.length >= 4) {
        if (!putBackTimer) {
          putBackTimer = setTimeout(() => {
            putBackTimer = 0;
            if (!state.dead) checkGuardInPlace();
          }, 16);
        }
        return;
      }
      putBacks.push(now);
      selfMutate(() => N_appendChild.call(de, guard.host));
      if (guard.dialog) openModal(true); // removal took the dialog out of the top layer
      else if (guard.linkDialog) openLinkModal();
    }
    checkRootInert();
  }

  /** `inert` on <html> would make our dialog (a descendant) unusable: take it off, and count it as tampering. */
  function checkRootInert() {
    if (guard.level !== 'danger') return;
    const de = docEl();
    if (!de || E_getAttribute.call(de, 'inert') == null) return;
    selfMutate(() => E_removeAttribute.call(de, 'inert'));
    tampered('inert');
    if (guard.dialog) openModal(true);
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

  function checkUrlChange() {
    if (location.href !== state.lastHref) {
      state.lastHref = location.href;
      scheduleCheck(0);
    }
  }

  function startObserving() {
    lastDocEl = docEl();
    mutationObserver.observe(document, {
      childList: true, subtree: true, attributes: true,
      attributeFilter: ['type', 'name', 'id', 'autocomplete', 'inputmode', 'placeholder', 'aria-label',
        'aria-labelledby', 'action', 'maxlength', 'for', 'alt', 'content', 'href', 'title', 'formaction', 'inert'],
    });
  }


  // ------------------------------------------------------------------ deceptive links (before the click)
  // A click on a link whose text shows a brand's official domain but whose href goes elsewhere, or whose href is
  // a lookalike of a brand, is held: the person sees why and can go to the real site instead. Links are checked
  // ahead (with every full extraction, so links added later are covered too); a click on a link not checked yet
  // is held until the background answers. The background decides (background.js classifyLink).
  const A_click = HTMLElement.prototype.click;
  const ET_dispatch = EventTarget.prototype.dispatchEvent;
  const F_requestSubmit = HTMLFormElement.prototype.requestSubmit;
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

  function holdLink(hold, info) {
    guard.linkHold = { hold, info };
    render();
  }

  function showLinkHold() {
    const { hold } = guard.linkHold;
    const root = ensureHost('danger', hold.brand || '', 'link');
    if (!root) return;
    if (guard.notice) hideNotice();
    if (guard.linkDialog && guard.linkDialog.__hold !== hold) closeLinkDialog();
    if (!guard.linkDialog) {
      const dlg = UI.h(document, 'dialog', { class: 'om-dialog', role: 'alertdialog', 'aria-modal': 'true', 'data-kind': 'link' });
      dlg.__hold = hold;
      dlg.addEventListener('cancel', (e) => {
        e.preventDefault(); // Escape = stay
        if (e.isTrusted) endLinkHold(true);
      });
      dlg.addEventListener('close', () => {
        if (guard.closing || dlg.open || guard.linkDialog !== dlg) return;
        endLinkHold(true);
      });
      const built = UI.buildLinkCard(document, hold, { idPrefix: 'omamori-link-' });
      dlg.setAttribute('aria-labelledby', built.titleId);
      dlg.setAttribute('aria-describedby', built.descId);
      dlg.append(built.card);
      root.append(dlg);
      guard.linkDialog = dlg;
      guard.linkButtons = built;
    }
    openLinkModal();
  }

  /** The held link's buttons (trusted clicks only, routed by onShield). */
  function linkAction(act) {
    const held = guard.linkHold;
    if (!held) return;
    const { hold, info } = held;
    if (act === 'link-stay') endLinkHold(true);
    else if (act === 'link-official') {
      send({ type: 'open-official', brand: hold.brand, which: 'top' }).catch(() => {});
      endLinkHold(false);
    } else if (act === 'link-report') {
      send({ type: 'open-report', url: hold.href }).catch(() => {});
      endLinkHold(false);
    } else if (act === 'link-open') {
      endLinkHold(false);
      followLink(info);
    }
  }

  function openLinkModal() {
    const dlg = guard.linkDialog;
    if (!dlg || !$isConnected.call(dlg)) return;
    if (!dlg.open) {
      try {
        dlg.showModal();
      } catch {
        try {
          dlg.show();
        } catch { /* ignore */ }
      }
      try {
        guard.linkButtons.stay.focus();
      } catch { /* ignore */ }
    }
  }

  function closeLinkDialog() {
    const dlg = guard.linkDialog;
    if (!dlg) return;
    guard.linkDialog = null;
    guard.linkButtons = null;
    closeOurDialog(dlg);
    try {
      dlg.remove();
    } catch { /* ignore */ }
  }

  function endLinkHold(restoreFocus) {
    const held = guard.linkHold;
    guard.linkHold = null;
    closeLinkDialog();
    render();
    if (restoreFocus && held && held.info && held.info.el && $isConnected.call(held.info.el)) {
      try {
        held.info.el.focus({ preventScroll: true });
      } catch { /* ignore */ }
    }
  }

  ET_add.call(window, 'click', onLinkActivate, true);
  ET_add.call(window, 'auxclick', onLinkActivate, true);
  ET_add.call(window, 'submit', onSubmit, true);

  // ------------------------------------------------------------------ background -> content
  try {
    api.runtime.onMessage.addListener((m, sender) => {
      if (!sender || sender.id !== api.runtime.id || !m || typeof m !== 'object') return;
      if (m.type === 'recheck') {
        if (m.origin && m.origin !== originOf(effectiveUrl())) return;
        state.resetSticky = true;
        state.lastFp = '';
        if (timer) {
          clearTimeout(timer);
          timer = 0;
        }
        // Before the first page check only the URL (that check is still to come, with trust now known).
        runCheck(state.textReady ? 'full' : 'url');
      }
    });
  } catch { /* ignore */ }

  // ------------------------------------------------------------------ start
  startObserving();
  ET_add.call(window, 'popstate', () => checkUrlChange(), true);
  ET_add.call(window, 'hashchange', () => checkUrlChange(), true);
  ET_add.call(window, 'pageshow', (e) => {
    if (e.persisted) {
      // Back from the back/forward cache: the background forgot this document.
      state.lastFp = '';
      runCheck('full');
    }
  }, true);

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

  const rs = $readyState.call(document);
  if (rs === 'loading') {
    runCheck('url'); // the URL alone, now: the URL verdict comes back before the page is parsed
    ET_add.call(document, 'DOMContentLoaded', onParsed, { once: true });
  } else if (rs === 'complete') {
    runCheck('full');
  } else {
    onParsed();
  }
  if (Number.isFinite(UI.startedAt)) state.startCost = Math.round((performance.now() - UI.startedAt) * 100) / 100;
})();
