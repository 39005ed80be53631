/*
 * The document and its shadow roots, queried in document order (content script part; see parts.txt): the
 * bounded search for shadow roots (open or closed) that facts and links read, and the queries that visit
 * matches of several selectors in document order while keeping Blink's fast single-selector paths.
 */

const SHADOW_HOST_TAGS = new Set(['article', 'aside', 'blockquote', 'body', 'div', 'footer', 'h1', 'h2', 'h3',
  'h4', 'h5', 'h6', 'header', 'main', 'nav', 'p', 'section', 'span']);

const ROOTS_BUDGET_MS = 3;

/** The shadow roots (innermost first) that hold el, if any, at any depth. */
function rootsHolding(el) {
  const out = [];
  let r = null;
  try {
    r = N_getRootNode.call(el);
    for (let i = 0; i < MAX_SHADOW_DEPTH && r && nodeType(r) === 11 && r.host; i++) {
      out.push(r);
      r = N_getRootNode.call(r.host);
    }
  } catch { /* ignore */ }
  return out;
}

/**
 * The document plus every shadow root (open or closed) found under it, bounded: at most LIMITS.roots roots, and
 * ROOTS_BUDGET_MS of looking (visiting every element of a huge page for hosts took 6-18 ms). `first`: the fields
 * the extraction must read (facts.js priorityFields): the root each one is in comes first, whatever its depth and
 * the bound, then the roots around them. A field in a shadow root not found in time is not in the facts, so it
 * stays held; once it is focused or typed into it is one of `first`.
 */
function collectRoots(first = []) {
  const roots = [document];
  const add = (r) => {
    if (r && r !== guard.root && !roots.includes(r)) roots.push(r);
  };
  for (const el of first) {
    const r = N_getRootNode.call(el);
    if (r && nodeType(r) === 11 && r.host) add(r);
  }
  for (const el of first) for (const r of rootsHolding(el)) if (roots.length < LIMITS.roots) add(r);
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
