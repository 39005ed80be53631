/*
 * The extension's warning page for what a web page must not be left to show (issue 15): a page-level `danger`
 * found in any frame of a tab, and a held deceptive link. No page can draw over, restyle, rewrite or click an
 * extension page, so the warning and its choices live there.
 *
 * The tab (for a link that opens a new tab or window, and for a form, a new tab next to it) is sent to
 *   warning.html?url=<the top page's address>&brand=<id>[&frame=<the frame's address>]&v=<token>   (a page)
 *   warning.html?url=<the link's destination>&brand=<id>&kind=link&v=<token>                      (a link)
 * and the warning page asks for what the background knows under that token: the page's verdict (its reasons,
 * the fields it asked for, where to go instead) or the link's hold. A token is a random UUID; records live in
 * memory and in storage.session (a worker restart keeps them), at most MAX_RECORDS; none holds anything typed
 * (the content script never reads what is in a field). One navigation per tab is under way at a time: a page that
 * keeps re-checking or reloads itself before the tab has left does not bounce the tab (a new one is sent only
 * after RESEND_MS, or once the warning page has committed). Never for a trusted origin.
 */
import { api, session, isHttp, str } from './basics.js';
import { isTrusted } from './lists.js';
import { WARNING_PAGE, warningUrl } from './navigation.js';
import { openTabNextTo } from './open.js';

const MAX_RECORDS = 200;
const RESEND_MS = 2000;
const TOKEN_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const PREFIX = 'warn:';

const records = new Map(); // token -> record (insertion order = age)

/** The parts of a verdict that the warning page, the popup and a report show: no field indexes, nothing typed. */
export function shownVerdict(v) {
  const reasons = (Array.isArray(v.reasons) ? v.reasons : []).slice(0, 12).filter((r) => r && typeof r === 'object')
    .map((r) => ({ code: str(r.code, 80), severity: str(r.severity, 20), ja: str(r.ja, 400), en: str(r.en, 400) }));
  const kinds = [];
  for (const f of Array.isArray(v.fields) ? v.fields : []) {
    const kind = f && str(f.kind, 40);
    if (kind && !kinds.some((k) => k.kind === kind) && kinds.length < 16) kinds.push({ kind });
  }
  return {
    level: str(v.level, 10), brand: v.brand || null, brand_name: v.brand_name || null, host: str(v.host, 300),
    registrable_domain: v.registrable_domain || null, reasons, fields: kinds, go_instead: v.go_instead || null,
    claim: v.claim || null, step: v.step || null, user_reported: !!v.user_reported,
    // how the address got there and whose content it is (issue 17: the warning page and the popup say it)
    via: (Array.isArray(v.via) ? v.via : []).slice(0, 8).filter((x) => x && typeof x === 'object'),
    destination: typeof v.destination === 'string' ? str(v.destination, 4096) : null,
    user_content: !!v.user_content, platform: v.platform && typeof v.platform === 'object' ? v.platform : null,
  };
}

async function keep(rec) {
  records.set(rec.token, rec);
  while (records.size > MAX_RECORDS) records.delete(records.keys().next().value);
  if (!session) return;
  try {
    await session.set({ [PREFIX + rec.token]: rec });
    // the stored ones are bounded too (a restarted worker knows them only there)
    const all = await session.get(null);
    const stored = Object.keys(all).filter((k) => k.startsWith(PREFIX));
    if (stored.length > MAX_RECORDS) {
      stored.sort((a, b) => (all[a].created || 0) - (all[b].created || 0));
      await session.remove(stored.slice(0, stored.length - MAX_RECORDS));
    }
  } catch { /* the memory copy still answers */ }
}

/** The record under a token (from memory, else storage.session), or null. */
export async function warningRecord(token) {
  if (typeof token !== 'string' || !TOKEN_RE.test(token)) return null;
  if (records.has(token)) return records.get(token);
  if (!session) return null;
  try {
    const got = await session.get(PREFIX + token);
    return got[PREFIX + token] || null;
  } catch {
    return null;
  }
}

/** The record a warning page's address names (its `v` token, for the same `url`), or null. */
export async function recordForPage(pageUrl) {
  if (typeof pageUrl !== 'string' || !pageUrl.startsWith(WARNING_PAGE)) return null;
  let q;
  try {
    q = new URL(pageUrl).searchParams;
  } catch {
    return null;
  }
  const rec = await warningRecord(q.get('v'));
  return rec && rec.url === q.get('url') ? rec : null;
}

function pageFor(rec) {
  return warningUrl(rec.url, rec.kind === 'link' ? rec.hold.brand : rec.verdict.brand,
    { frame: rec.frame, kind: rec.kind === 'link' ? 'link' : null, v: rec.token });
}

// For browser automation only (test-hooks.js): off = tabs are not sent to the warning page, as when the
// background cannot navigate; what the content script does meanwhile (fields held, asking again) can be seen.
let sending = true;
export function setSending(on) {
  sending = !!on;
}

// tabId -> {key, token, at}: the navigation to the warning page under way (until the warning page commits).
const underWay = new Map();

async function sendTab(tabId, key, make) {
  const now = Date.now();
  const cur = underWay.get(tabId);
  if (cur && cur.key === key && now - cur.at < RESEND_MS) return cur.token;
  const rec = (cur && cur.key === key && await warningRecord(cur.token)) || await make();
  if (!records.has(rec.token)) await keep(rec);
  if (!sending) return rec.token;
  underWay.set(tabId, { key, token: rec.token, at: now });
  try {
    await api.tabs.update(tabId, { url: pageFor(rec) });
  } catch {
    underWay.delete(tabId); // the tab is gone, or cannot be navigated: the content script asks again
    return null;
  }
  return rec.token;
}

/**
 * A frame of a tab answered `danger`: the tab goes to the warning page for its top page (the frame's address as
 * `frame` when the danger is in a subframe). Returns the token, or null (trusted origin, or no navigation).
 */
export function pageDanger(sender, frameUrl, origin, verdict, topUrl = sender.tab && sender.tab.url) {
  if (!sender.tab || typeof sender.tab.id !== 'number' || sender.tab.id < 0 || isTrusted(origin)) return null;
  const inFrame = sender.frameId !== 0;
  // (topUrl: the top page's address as the tab records it, i.e. before the person's first input: before-input.js)
  const top = inFrame && isHttp(topUrl) ? topUrl : frameUrl;
  const frame = inFrame && frameUrl !== top ? frameUrl : null;
  return sendTab(sender.tab.id, `page\n${origin}\n${top}\n${frame || ''}`, () => ({
    kind: 'page', token: crypto.randomUUID(), created: Date.now(), tab_id: sender.tab.id, frame_id: sender.frameId,
    url: top, frame, origin, verdict: shownVerdict(verdict),
  }));
}

const newTabs = new Map(); // `${tabId}\n${href}` -> {token, tab}: the warning tab a held link opened (one at a time)

/**
 * A held link (LinkHold from links.js, classified here, never taken from the content script): the tab goes to
 * the warning page for the link's destination, or a new tab next to it when the link opens one (new_tab) or is a
 * form's submit (submit: the form stays as the person filled it in, for "open anyway" to send it). Returns the token.
 */
export async function linkHeld(sender, hold, { newTab, submit }) {
  const tabId = sender.tab.id;
  const make = () => ({
    kind: 'link', token: crypto.randomUUID(), created: Date.now(), tab_id: tabId, frame_id: sender.frameId,
    url: hold.href, hold, new_tab: !!(newTab || submit), submit: !!submit,
  });
  if (!newTab && !submit) return sendTab(tabId, `link\n${hold.href}`, make);
  // A double click, or a page that clicks again and again, opens one warning tab while it is open.
  const key = `${tabId}\n${hold.href}`;
  const open = newTabs.get(key);
  if (open && (open.tab == null || await api.tabs.get(open.tab).then(() => true, () => false))) return open.token;
  const rec = make();
  const entry = { token: rec.token, tab: null };
  newTabs.set(key, entry);
  if (newTabs.size > 50) newTabs.delete(newTabs.keys().next().value);
  await keep(rec);
  if (!sending) return rec.token;
  try {
    entry.tab = (await openTabNextTo(pageFor(rec), sender.tab)).id;
  } catch {
    newTabs.delete(key);
    return null;
  }
  return rec.token;
}

/** "Don't open" on a link's warning page in a tab of its own: back to the page the person was on. */
export async function closeLinkTab(rec, warningTab) {
  await api.tabs.update(rec.tab_id, { active: true }).catch(() => {});
  if (warningTab && typeof warningTab.id === 'number') await api.tabs.remove(warningTab.id).catch(() => {});
}

/** "Send anyway" for a held form: the frame that holds it sends it once; the warning's tab closes. */
export async function followHeldForm(rec, warningTab) {
  let followed = false;
  try {
    const r = await api.tabs.sendMessage(rec.tab_id, { type: 'follow-link', token: rec.token }, { frameId: rec.frame_id });
    followed = !!(r && r.ok);
  } catch { /* the page is gone */ }
  await closeLinkTab(rec, warningTab);
  return followed;
}

api.webNavigation.onCommitted.addListener((d) => {
  // The warning page landed (or the tab went elsewhere): the next danger sends the tab again.
  if (d.frameId === 0) underWay.delete(d.tabId);
});
api.tabs.onRemoved.addListener((tabId) => underWay.delete(tabId));
