/*
 * Judge the tab (extension/README.md): the brand a frame's ancestors claim (the nearest one's verdict `claim`, the top
 * page's included) goes with its page checks as `top_claim`. A claim is known once that ancestor's first page check
 * has answered; a `safe` or trusted one passes none. A frame's check waits for it, bounded (the ancestors are asked to
 * check at once: `check-page`); a frame judged with another claim than the one known later is asked to check again.
 */
import { api, originOf } from './basics.js';
import { getTab } from './frames.js';

const WAIT_ALIVE_MS = 2500;
const WAIT_ABSENT_MS = 1000;
const NUDGE_EVERY_MS = 1000;
const MAX_DEPTH = 16;

/** What one frame's record claims: a brand id, null (none, or one it lives up to), or undefined while its first
 * page check of the frame's current document (at `url`) has not answered. */
function claimOf(rec, url) {
  if (!rec || !rec.verdict) return undefined;
  // a record of the frame's previous document (kept until the navigation's commit is handled) is not its page's
  const o = originOf(url || '');
  if (o && rec.origin && rec.origin !== o) return undefined;
  // an official address is `safe` whatever its page says: known from the URL alone
  if (rec.verdict.level === 'safe') return null;
  if (!rec.full) return undefined;
  if (rec.trusted) return null;
  return typeof rec.verdict.claim === 'string' && rec.verdict.claim ? rec.verdict.claim : null;
}

/** The tab's frames as the browser knows them now (frameId -> {parent, url}), or null when it cannot say. */
async function frameTree(tabId) {
  try {
    const all = await api.webNavigation.getAllFrames({ tabId });
    if (!Array.isArray(all)) return null;
    return new Map(all.map((f) => [f.frameId, { parent: f.parentFrameId, url: f.url }]));
  } catch {
    return null;
  }
}

/** A frame's ancestors, nearest first, the top frame last (the top frame alone when the tree does not know it). */
function ancestors(tree, frameId) {
  const out = [];
  for (let id = frameId, i = 0; id !== 0 && i < MAX_DEPTH; i++) {
    const node = tree && tree.get(id);
    id = node && Number.isInteger(node.parent) && node.parent >= 0 && !out.includes(node.parent) ? node.parent : 0;
    out.push(id);
  }
  if (out[out.length - 1] !== 0) out.push(0);
  return out;
}

/** What a frame's ancestors claim: the nearest known claim, and the ancestors whose claim is not known yet. */
function chainClaim(t, tree, chain, tabUrl) {
  const unknown = [];
  for (const id of chain) {
    const node = tree && tree.get(id);
    const c = claimOf(t.frames[String(id)], node ? node.url : id === 0 ? tabUrl : '');
    if (c === undefined) unknown.push(id);
    else if (c) return { claim: c, unknown };
  }
  return { claim: null, unknown };
}

const waiters = new Map(); // tabId -> Set of functions that end a wait once it is answered
const nudged = new Map(); // "tabId/frameId" -> when that frame was last asked to check its page

/** Asks one frame of a tab to check its page now (`check-page`, PROTOCOL.md). */
function askFrame(tabId, frameId, { limit = false } = {}) {
  const key = `${tabId}/${frameId}`;
  if (limit && Date.now() - (nudged.get(key) || 0) < NUDGE_EVERY_MS) return;
  if (limit) nudged.set(key, Date.now());
  try {
    Promise.resolve(api.tabs.sendMessage(tabId, { type: 'check-page' }, { frameId })).catch(() => {});
  } catch { /* the tab is gone */ }
}

/** The claim for a page check of frame `frameId` in tab `tabId` (top document at `tabUrl`): at once when an ancestor's
 * claim is known, else once every ancestor's first page check has answered or the wait ends (then what is known;
 * the frame is checked again when more is). */
export async function awaitTabClaim(tabId, frameId, tabUrl) {
  const tree = await frameTree(tabId);
  const chain = ancestors(tree, frameId);
  let t = await getTab(tabId);
  let r = chainClaim(t, tree, chain, tabUrl);
  if (r.claim || !r.unknown.length) return r.claim;
  for (const id of r.unknown) askFrame(tabId, id, { limit: true });
  // the wait is short when the ancestors' content scripts are there (they answered their URL check), shorter when not
  const alive = r.unknown.every((id) => t.frames[String(id)]);
  await new Promise((resolve) => {
    let set = waiters.get(tabId);
    if (!set) waiters.set(tabId, (set = new Set()));
    const end = () => {
      clearTimeout(timer);
      set.delete(check);
      if (!set.size && waiters.get(tabId) === set) waiters.delete(tabId);
      resolve();
    };
    const check = (tab) => {
      const now = tab ? chainClaim(tab, tree, chain, tabUrl) : null;
      if (!now || now.claim || !now.unknown.length) end();
    };
    const timer = setTimeout(end, alive ? WAIT_ALIVE_MS : WAIT_ABSENT_MS);
    set.add(check);
  });
  t = await getTab(tabId);
  return chainClaim(t, tree, chain, tabUrl).claim;
}

/** A frame's check was recorded (`prev`: its record before). The checks waiting for its claim go on; when its claim
 * changed, every frame with fields judged with another claim than its ancestors' now checks again; and the frame
 * itself, when it was judged with another claim than the one now known (an ancestor answered while it was in flight). */
export async function frameRecorded(tabId, frameId, prev, tabUrl) {
  const t = await getTab(tabId);
  const rec = t.frames[String(frameId)];
  const set = waiters.get(tabId);
  if (set) for (const check of [...set]) check(t);
  const changed = claimOf(prev, rec && rec.url) !== claimOf(rec, rec && rec.url);
  const ownCheck = frameId !== 0 && askedClaim(rec);
  if (!(changed && Object.values(t.frames).some(askedClaim)) && !ownCheck) return;
  const tree = await frameTree(tabId);
  for (const [id, f] of Object.entries(t.frames)) {
    if (!askedClaim(f) || (!changed && Number(id) !== frameId)) continue;
    const now = chainClaim(t, tree, ancestors(tree, Number(id)), tabUrl);
    if ((now.claim || !now.unknown.length) && (f.top_claim ?? null) !== now.claim) askFrame(tabId, Number(id));
  }
}

// a subframe's page check that saw fields: one judged with its ancestors' claim
const askedClaim = (f) => !!f && f.full && f.inputs > 0 && f.top_claim !== undefined;

/** A closed tab: nothing waits for it. */
export function forgetTabClaims(tabId) {
  const set = waiters.get(tabId);
  if (set) for (const check of [...set]) check(null);
  for (const key of nudged.keys()) if (key.startsWith(`${tabId}/`)) nudged.delete(key);
}
