/*
 * Page facts (content script part; see parts.txt): extractFacts() reads the PageFacts of docs/engine-api.md —
 * the URL (the creator's origin for about:blank, srcdoc and blob: documents), each field's attributes, label
 * and context text, title, og:site_name, headings, image texts, logos (image file names, classes, ids), the
 * favicon, button texts, file inputs and editable roots, form targets, hot-linked resources, footer and
 * a bounded sample of visible text — bounded everywhere (LIMITS), through dom.js's captured methods, in the
 * document and the shadow roots roots.js finds; the fields the guard holds and those near the focus first
 * (priorityFields). A field's fact is also what the guard compares at a keystroke (fieldReading). It reads;
 * checks.js decides when.
 */

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

const LIMITS = {
  inputs: 500, headings: 20, headingLen: 200, alts: 30, footer: 1000, text: 4000, forms: 20, resources: 50,
  label: 200, context: 200, attr: 200, shortAttr: 100, url: 2048, elements: 30000, textNodes: 4000, roots: 40,
  // <label> elements read for the label map: twice the inputs kept (a label sits next to its control, so those
  // of the first 500 fields come early; reading 5,000 labels took 1.5 ms)
  labels: 1000,
};

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

/** The document's title as the facts give it. */
function pageTitle() {
  return cut(clean($title.call(document)), 300);
}

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

// CSS-generated text (`::before` / `::after` content: strings and attr()): a label, a cell or a heading a page draws
// with CSS is what the person reads, whatever its DOM text says (a page can write 「暗証番号」 there and nowhere in
// its DOM). Read for an element and its first descendants; for the priority fields and the first GEN_FIELDS others
// of an extraction (a count, not a time: a reading must not depend on the machine's speed); a field read without
// it is read again when held.
const GEN_FIELDS = 60;
const GEN_ELEMENTS = 6; // an element and its first descendant elements
let genOn = true; // genText reads (off for the fields of an extraction past GEN_FIELDS)
const CSS_CONTENT_RE = /"((?:[^"\\]|\\[\s\S])*)"|'((?:[^'\\]|\\[\s\S])*)'|attr\(\s*([\w-]+)\s*\)/g;

/** The characters a CSS string means (`\30a2` or `\"` escapes undone). */
function cssUnescape(s) {
  return s.replace(/\\([0-9a-fA-F]{1,6})\s?|\\([\s\S])/g, (_, hex, ch) => {
    if (!hex) return ch;
    const cp = parseInt(hex, 16);
    return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : '';
  });
}

/** The text a `::before` or `::after` of el shows: its `content` strings and `attr()` values. */
function genContent(el, pseudo) {
  let c = '';
  try {
    c = String(W_getComputedStyle.call(window, el, pseudo).content || '');
  } catch {
    return '';
  }
  if (!c || c === 'none' || c === 'normal') return '';
  let out = '';
  CSS_CONTENT_RE.lastIndex = 0;
  let m;
  while ((m = CSS_CONTENT_RE.exec(c)) && out.length < 200) out += m[3] ? attr(el, m[3]) : cssUnescape(m[1] ?? m[2]);
  return out;
}

let genMemo = null; // element -> its generated text, for one reading or extraction (a label is often the context too)

/** The CSS-generated text of el and its first descendant elements, in document order ('' when none, or not read). */
function genText(el) {
  if (!genOn || !el || nodeType(el) !== 1 || SKIP_TEXT_TAGS.has(localName(el))) return '';
  if (genMemo && genMemo.has(el)) return genMemo.get(el);
  let out = '';
  try {
    const w = D_createTreeWalker.call(document, el, NodeFilter.SHOW_ELEMENT);
    let n = el;
    for (let i = 0; n && i < GEN_ELEMENTS; i++, n = w.nextNode()) {
      const t = genContent(n, '::before') + ' ' + genContent(n, '::after');
      if (t.trim()) out += t + ' ';
    }
  } catch { /* ignore */ }
  const g = clean(out);
  if (genMemo) genMemo.set(el, g);
  return g;
}

/** What a person reads in el: its text and the text its style sheets draw (textOf with genText before it). */
function seenText(el, max) {
  const t = textOf(el, max);
  if (!el || nodeType(el) !== 1) return t;
  const g = genText(el);
  return g ? cut(clean(g + ' ' + t), max) : t;
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
    parts.push(seenText(l, LIMITS.label));
  }
  if (!parts.some(Boolean)) {
    const wrap = closest(el, 'label');
    if (wrap) parts.push(seenText(wrap, LIMITS.label));
  }
  const ids = attr(el, 'aria-labelledby');
  if (ids) {
    const root = N_getRootNode.call(el);
    for (const id of ids.split(/\s+/).filter(Boolean).slice(0, 5)) {
      let ref = null;
      try {
        ref = nodeType(root) === 9 ? D_getElementById.call(root, id) : F_getElementById.call(root, id);
      } catch { /* ignore */ }
      if (ref) parts.push(seenText(ref, LIMITS.label));
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
      const t = seenText(p, LIMITS.context);
      if (t) return t;
    }
  }
  // Definition list: <dt>カード番号</dt><dd><input></dd>.
  const dd = closest(el, 'dd');
  if (dd) {
    let p = $previousElementSibling.call(dd);
    for (let i = 0; p && i < 4; i++, p = $previousElementSibling.call(p)) {
      if (localName(p) === 'dt') {
        const t = seenText(p, LIMITS.context);
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
        const t = seenText(sib, LIMITS.context);
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
const MARK_LIMITS = { logos: 30, logoLen: 300, images: 200, logoElements: 40, styled: 10, buttons: 20, buttonLen: 100, editables: 20, drawn: 20 };

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

/** The editable root of an element whose content is editable (the topmost ancestor that is), or null. */
function editingHost(el) {
  let host = null;
  try {
    for (let e = el, i = 0; e && nodeType(e) === 1 && e.isContentEditable && i < 10000; e = $parentElement.call(e), i++) host = e;
  } catch { /* ignore */ }
  return host;
}

/** A <canvas> that takes keys (focusable: it has a tabindex): a field drawn as a picture, whatever it shows. What
 * is typed there goes where the page's script puts it (a hidden input), unseen: it is a field of its own. */
function isDrawnField(el) {
  return localName(el) === 'canvas' && attr(el, 'tabindex') !== '';
}

/** The fact of one field (docs/engine-api.md `inputs`): a form control, a file input, an editable root, a canvas
 * that takes keys; else null. */
function fieldFact(el, labels, actions) {
  const ln = localName(el);
  if (ln === 'canvas') return isDrawnField(el) ? { ...inputFact(el, labels, actions), tag: 'canvas', type: '' } : null;
  if (ln === 'input' || ln === 'select' || ln === 'textarea') {
    if (isFactInput(el)) return inputFact(el, labels, actions);
    return attr(el, 'type').toLowerCase() === 'file' ? fileFact(el, labels, actions) : null;
  }
  if (editingHost(el) !== el) return null;
  return { ...inputFact(el, labels, actions), tag: 'contenteditable', type: '' };
}

/** The <label> map of one field alone (its own labels), as labelMap gives it for the fields of an extraction. */
function ownLabels(el) {
  const map = new Map();
  try {
    const ls = el.labels;
    if (ls && ls.length) map.set(el, [...ls]);
  } catch { /* ignore */ }
  return map;
}

/** What a check reads of a field now (the guard compares it with state.readings at a keystroke). */
function fieldReading(el) {
  genMemo = new Map();
  try {
    const f = fieldFact(el, ownLabels(el), null);
    return f ? JSON.stringify(f) : '';
  } finally {
    genMemo = null;
  }
}

const NEAR_FIELDS = 100; // of the focused field's form, and of its shadow root

/** The fields an extraction reads whatever the bounds: the focused one, those waiting, those near the focus. */
function priorityFields() {
  const out = new Set();
  let focused = null;
  try {
    const a = $activeElement.call(document);
    const t = a ? deepTarget({ target: a }, null) : null;
    if (t && t !== UNSEEN && isTextEntry(t)) focused = heldField(t);
  } catch { /* ignore */ }
  if (focused) out.add(focused);
  for (const w of state.waiting) if ($isConnected.call(w.el)) out.add(w.el);
  const near = focused || (state.waiting.length ? state.waiting[state.waiting.length - 1].el : null);
  if (near && nodeType(near) === 1) {
    let form = null;
    try {
      form = near.form;
    } catch { /* ignore */ }
    if (form && nodeType(form) === 1) {
      let n = 0;
      for (const el of qsaIn(form, 'input, select, textarea')) {
        if (n++ >= NEAR_FIELDS) break;
        if (isFactInput(el)) out.add(el);
      }
    }
    const root = N_getRootNode.call(near);
    if (root && nodeType(root) === 11) for (const el of firstOf(root, FIELD_TAGS, NEAR_FIELDS)) if (isFactInput(el)) out.add(el);
  }
  return out;
}

/** Extracts PageFacts (docs/engine-api.md), the element for each facts.inputs entry, in order, and each one's
 * reading (what fieldReading gives for it now). */
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
  facts.title = pageTitle();
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

  genMemo = new Map();
  const first = priorityFields();
  const roots = collectRoots(first);
  const labels = labelMap(roots);
  const actions = new Map();
  const readings = [];
  const unread = new Set(first); // priority fields not read yet
  const room = Math.max(0, LIMITS.inputs - first.size); // the bound left for the others, in document order
  let others = 0;
  const read = (el, prio) => {
    genOn = prio || others < GEN_FIELDS;
    const f = fieldFact(el, labels, actions);
    genOn = true;
    if (!f) return;
    inputs.push(f);
    elements.push(el);
    readings.push(JSON.stringify(f));
    if (!prio) others++;
  };
  for (const root of roots) {
    eachInOrder(root, FIELD_TAGS, (el) => {
      const prio = unread.delete(el);
      // past the bound, the walk goes on only to reach the priority fields
      if (!prio && others >= room) return unread.size > 0;
      read(el, prio);
      return true;
    });
    // an editable element used as a field
    for (const el of firstOf(root, ['[contenteditable]'], MARK_LIMITS.editables)) {
      const prio = unread.delete(el);
      if (!prio && others >= room) continue;
      if (editingHost(el) === el) read(el, prio);
    }
    // a canvas that takes keys (a field drawn as a picture)
    for (const el of firstOf(root, ['canvas[tabindex]'], MARK_LIMITS.drawn)) {
      const prio = unread.delete(el);
      if (!prio && others >= room) continue;
      read(el, prio);
    }
    logosOf(root, logos, styled);
    buttonsOf(root, buttons);
    for (const el of firstOf(root, ['h1', 'h2', 'h3'], LIMITS.headings * 2)) {
      if (headings.length >= LIMITS.headings) break;
      const t = seenText(el, LIMITS.headingLen);
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
  // priority fields no walk met (an editable root past the first few; a field detached meanwhile is skipped)
  for (const el of unread) if ($isConnected.call(el)) read(el, true);
  genMemo = null;
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
  return { facts, elements, readings, roots };
}
