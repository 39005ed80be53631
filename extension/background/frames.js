/*
 * Per-frame records and tab state: the verdict of every frame of every tab (recordFrame; a stale answer never
 * replaces a newer one of the same document), mirrored in storage.session so that the popup still knows after
 * the service worker restarted; the frame that speaks for the tab (worstFrame). Recording a frame updates the
 * badge (badge.js, which reads the frames back: the two modules import each other, functions only). A record's
 * address is the one a report may carry (before-input.js): never one the page wrote after the person's first input.
 */
import { RANK, session } from './basics.js';
import { updateBadge } from './badge.js';
import { addressBeforeInput } from './before-input.js';
import { forgetTabClaims } from './tab-claim.js';

// tabId -> { frames: { [frameId]: {url, origin, verdict, trusted, at, doc, seq, full, inputs, top_claim, cost} },
//            inputs: { [origin]: url } }; mirrored in storage.session so that the popup still knows after the service
// worker was stopped and restarted. `full`: the record answers a page check (not the URL alone); `inputs`: how many
// fields that check saw; `top_claim`: the claim of the frames it is in that it was judged with (subframes); the tab's
// `inputs`: the address each origin had at the person's first input into the tab (before-input.js).
export const tabs = new Map();

export async function getTab(tabId) {
  let t = tabs.get(tabId);
  if (t) return t;
  t = { frames: {} };
  if (session) {
    try {
      const got = await session.get(`tab:${tabId}`);
      if (got && got[`tab:${tabId}`]) t = got[`tab:${tabId}`];
    } catch { /* ignore */ }
  }
  if (!tabs.has(tabId)) tabs.set(tabId, t);
  return tabs.get(tabId);
}

const persistTimers = new Map();
export function persistTab(tabId) {
  if (!session || persistTimers.has(tabId)) return;
  persistTimers.set(tabId, setTimeout(() => {
    persistTimers.delete(tabId);
    const t = tabs.get(tabId);
    const op = t ? session.set({ [`tab:${tabId}`]: t }) : session.remove(`tab:${tabId}`);
    op.catch(() => {});
  }, 100));
}

export async function forgetTab(tabId) {
  tabs.delete(tabId);
  forgetTabClaims(tabId);
  if (session) session.remove(`tab:${tabId}`).catch(() => {});
}

export function effectiveLevel(f) {
  return f.trusted ? 'none' : f.verdict.level;
}

/** The frame whose verdict speaks for the tab: the most severe one, else the top frame. */
export function worstFrame(t) {
  let worst = null;
  for (const [id, f] of Object.entries(t.frames)) {
    if (!f || !f.verdict) continue;
    const r = RANK[effectiveLevel(f)];
    if (!worst || r > worst.r || (r === worst.r && id === '0')) worst = { id, f, r };
  }
  return worst;
}

/** Records a frame's check: {prev} (the record it replaced), or null when a newer answer of its document stands. */
export async function recordFrame(tabId, frameId, entry) {
  const t = await getTab(tabId);
  const prev = t.frames[String(frameId)];
  // Checks of one document can finish out of order (the URL-only check at document_start and the page check are
  // in flight together): a stale answer must not replace a newer one, or the tab would forget the danger its page
  // is showing (and a page that removes the warning would not be sent away).
  if (prev && entry.doc && prev.doc === entry.doc && prev.seq > entry.seq) return null;
  entry.url = addressBeforeInput(t, entry.url);
  t.frames[String(frameId)] = entry;
  // Bounded: a page with hundreds of frames keeps the latest 64.
  const keys = Object.keys(t.frames);
  if (keys.length > 64) {
    keys.sort((a, b) => t.frames[a].at - t.frames[b].at);
    for (const k of keys.slice(0, keys.length - 64)) if (k !== '0') delete t.frames[k];
  }
  persistTab(tabId);
  updateBadge(tabId);
  return { prev: prev || null };
}
