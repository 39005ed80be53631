// Chromium-only helpers through the DevTools protocol (playwright-core CDP sessions).
//
// The guard's UI lives in a CLOSED shadow root: page scripts (and Playwright locators) cannot reach it, but
// DevTools can (DOM.getDocument with pierce: true returns closed shadow roots too). The tests use that only to
// find WHERE a button is, and then press it like a person would: a real mouse click (trusted input events).

function* walk(node) {
  if (!node) return;
  yield node;
  for (const c of node.children ?? []) yield* walk(c);
  for (const s of node.shadowRoots ?? []) yield* walk(s);
  if (node.contentDocument) yield* walk(node.contentDocument);
}

function attrsOf(node) {
  const out = {};
  const a = node.attributes ?? [];
  for (let i = 0; i + 1 < a.length; i += 2) out[a[i]] = a[i + 1];
  return out;
}

/** Finds an element inside <omamori-guard>'s (closed) shadow root whose attribute name=value. */
export async function findInGuard(cdp, attr, value) {
  const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
  for (const n of walk(root)) {
    if (n.localName !== 'omamori-guard') continue;
    const shadow = (n.shadowRoots ?? [])[0];
    if (!shadow) return { guard: n, shadowType: null, node: null };
    for (const m of walk(shadow)) {
      if (m.nodeType === 1 && attrsOf(m)[attr] === value) {
        return { guard: n, shadowType: shadow.shadowRootType, node: m };
      }
    }
    return { guard: n, shadowType: shadow.shadowRootType, node: null };
  }
  return { guard: null, shadowType: null, node: null };
}

/** Clicks, with the real mouse, the guard's button [data-act=act]. Returns the shadow root type seen. */
export async function clickGuardButton(page, cdp, act) {
  const found = await findInGuard(cdp, 'data-act', act);
  if (!found.guard) throw new Error('no <omamori-guard> in the page');
  if (!found.node) throw new Error(`no [data-act="${act}"] button inside the guard`);
  const backendNodeId = found.node.backendNodeId;
  await cdp.send('DOM.scrollIntoViewIfNeeded', { backendNodeId }).catch(() => {});
  const { model } = await cdp.send('DOM.getBoxModel', { backendNodeId });
  const q = model.border; // x1,y1 .. x4,y4
  const x = (q[0] + q[2] + q[4] + q[6]) / 4;
  const y = (q[1] + q[3] + q[5] + q[7]) / 4;
  await page.mouse.click(x, y);
  return found.shadowType;
}

/** IME: a composition (as a Japanese IME shows it) committed into the focused field. */
export async function imeCommit(cdp, composing, committed) {
  await cdp.send('Input.imeSetComposition', {
    text: composing, selectionStart: composing.length, selectionEnd: composing.length,
  });
  await cdp.send('Input.insertText', { text: committed });
}
