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

/** Center of an element (CSS px) from its backend node id. */
async function centerOf(cdp, backendNodeId) {
  const { model } = await cdp.send('DOM.getBoxModel', { backendNodeId });
  const q = model.border;
  return { x: (q[0] + q[2] + q[4] + q[6]) / 4, y: (q[1] + q[3] + q[5] + q[7]) / 4, w: model.width, h: model.height };
}

/** Finds an element inside the guard whose class list contains cls. */
export async function findClassInGuard(cdp, cls) {
  const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
  for (const n of walk(root)) {
    if (n.localName !== 'omamori-guard') continue;
    for (const m of walk((n.shadowRoots ?? [])[0])) {
      const c = attrsOf(m).class;
      if (m.nodeType === 1 && c && c.split(/\s+/).includes(cls)) return { node: m, attrs: attrsOf(m) };
    }
  }
  return { node: null, attrs: null };
}

/** Box (CSS px) of an element inside the guard found by findClassInGuard / findInGuard, or null. */
export async function boxOf(cdp, node) {
  try {
    return await centerOf(cdp, node.backendNodeId);
  } catch {
    return null;
  }
}

/**
 * The accessibility tree as a screen reader gets it (closed shadow roots included): the alertdialogs (role,
 * name, modal) and the focused node.
 */
export async function axSummary(cdp) {
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  const prop = (n, name) => (n.properties ?? []).find((p) => p.name === name)?.value?.value;
  const dialogs = [];
  let focused = null;
  for (const n of nodes) {
    const role = n.role?.value;
    const name = n.name?.value ?? '';
    if (role === 'alertdialog') dialogs.push({ role, name, modal: !!prop(n, 'modal') });
    if (prop(n, 'focused') && role !== 'RootWebArea') focused = { role, name };
  }
  return { dialogs, focused };
}

/** Drags plain text from outside the page and drops it at the center of the element matching selector. */
export async function dropText(page, cdp, selector, text) {
  const box = await page.locator(selector).boundingBox();
  const x = box.x + Math.min(20, box.width / 2);
  const y = box.y + box.height / 2;
  const data = { items: [{ mimeType: 'text/plain', data: text }], dragOperationsMask: 1 };
  for (const type of ['dragEnter', 'dragOver', 'drop']) await cdp.send('Input.dispatchDragEvent', { type, x, y, data });
}

/** Browser autofill of a credit card (Chromium's own autofill, through DevTools) into the form of `selector`. */
export async function autofillCard(page, cdp, selector, card) {
  const { frameTree } = await cdp.send('Page.getFrameTree');
  const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
  const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
  const { node } = await cdp.send('DOM.describeNode', { nodeId });
  await cdp.send('Autofill.trigger', { fieldId: node.backendNodeId, frameId: frameTree.frame.id, card });
}
