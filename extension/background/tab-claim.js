/*
 * Judge the tab (extension/README.md): the brand the top page claims (its verdict's `claim`) goes with the page
 * checks of the tab's other frames as `top_claim`. Known once the top page's first page check has answered; a
 * `safe` or trusted top page passes none. A frame's check waits for it, bounded (the top frame is asked to check at
 * once: `check-page`); a frame judged with another claim than the one known later is asked to check again.
 */
import { api, originOf } from './basics.js';
import { getTab } from './frames.js';

const WAIT_ALIVE_MS = 2500;
const WAIT_ABSENT_MS = 1000;
const NUDGE_EVERY_MS = 1000;

/** The claim the top frame passes to the other frames: a brand id, null (none, or one it lives up to), or
 * undefined while its first page check of the tab's current top document has not answered. */
export function topClaimOf(t, tabUrl) {
  const top = t && t.frames ? t.frames['0'] : null;
  if (!top || !top.verdict || !isCurrent(top, tabUrl)) return undefined;
  // an official address is `safe` whatever its page says: known from the URL alone
  if (top.verdict.level === 'safe') return null;
  if (!top.full) return undefined;
  if (top.trusted) return null;
  return typeof top.verdict.claim === 'string' && top.verdict.claim ? top.verdict.claim : null;
}

// a record of the tab's previous top document (kept until the navigation's commit is handled) is not the top page's
function isCurrent(top, tabUrl) {
  const o = originOf(tabUrl || '');
  return !o || !top.origin || top.origin === o;
}

const waiters = new Map(); // tabId -> Set of resolve functions
const nudged = new Map(); // tabId -> when the top frame was last asked to check its page

/** Asks the tab's top frame to check its page now (at most once every NUDGE_EVERY_MS). */
function askTopFrame(tabId) {
  const last = nudged.get(tabId) || 0;
  if (Date.now() - last < NUDGE_EVERY_MS) return;
  nudged.set(tabId, Date.now());
  askFrame(tabId, 0);
}

/** Asks one frame of a tab to check its page again (`check-page`, PROTOCOL.md). */
function askFrame(tabId, frameId) {
  try {
    Promise.resolve(api.tabs.sendMessage(tabId, { type: 'check-page' }, { frameId })).catch(() => {});
  } catch { /* the tab is gone */ }
}

/** The top page's claim for a frame's check in tab `tabId` (top document at `tabUrl`): at once when known, else
 * once the top page's first page check answers or the wait ends (then null; the frame is checked again later). */
export async function awaitTopClaim(tabId, tabUrl) {
  let t = await getTab(tabId);
  let c = topClaimOf(t, tabUrl);
  if (c !== undefined) return c;
  askTopFrame(tabId);
  const top = t.frames['0'];
  const alive = !!(top && top.verdict && isCurrent(top, tabUrl));
  await new Promise((resolve) => {
    let set = waiters.get(tabId);
    if (!set) waiters.set(tabId, (set = new Set()));
    const done = () => {
      clearTimeout(timer);
      set.delete(done);
      if (!set.size && waiters.get(tabId) === set) waiters.delete(tabId);
      resolve();
    };
    const timer = setTimeout(done, alive ? WAIT_ALIVE_MS : WAIT_ABSENT_MS);
    set.add(done);
  });
  t = await getTab(tabId);
  c = topClaimOf(t, tabUrl);
  return c === undefined ? null : c;
}

/** A frame's check was recorded. The top frame's: the waiting checks go on, and the frames with fields judged with
 * another claim check again. Another frame's: judged with another claim than the one now known, it checks again. */
export async function frameRecorded(tabId, frameId, tabUrl) {
  const t = await getTab(tabId);
  const claim = topClaimOf(t, tabUrl);
  if (claim === undefined) return;
  if (frameId === 0) {
    const set = waiters.get(tabId);
    if (set) for (const done of [...set]) done();
    for (const [id, f] of Object.entries(t.frames)) {
      if (id !== '0' && stale(f, claim)) askFrame(tabId, Number(id));
    }
  } else if (stale(t.frames[String(frameId)], claim)) {
    askFrame(tabId, frameId);
  }
}

// a frame's page check that saw fields and was judged with another claim than the top page's
const stale = (f, claim) => !!f && f.full && f.inputs > 0 && (f.top_claim ?? null) !== claim;

/** A closed tab: nothing waits for it. */
export function forgetTabClaims(tabId) {
  const set = waiters.get(tabId);
  if (set) for (const done of [...set]) done();
  nudged.delete(tabId);
}
