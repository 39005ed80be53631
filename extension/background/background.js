/*
 * Omamori background (Chrome: module service worker; Firefox: module background script).
 *
 * One wasm Engine for the worker's life. Keeps the verdict of every frame of every tab, sets the toolbar
 * badge, holds the user's trusted origins and report log (storage.local), sends a clear URL-level
 * impersonation to the extension's own warning page before the navigation commits, and answers the
 * messages of the content script and of the extension's pages (see MESSAGES below and extension/README.md).
 *
 * Nothing here is reachable from a web page: there is no externally_connectable, no web-accessible
 * resource, and every message is checked to come from this extension (sender.id) and from the right kind
 * of context (content script vs extension page).
 */
import init, { Engine } from '../pkg/omamori.js';
import { loadLocale, fillMessage } from '../shared/locales.js';

const api = globalThis.browser ?? globalThis.chrome;
const EXT_BASE = api.runtime.getURL('');
const WARNING_PAGE = api.runtime.getURL('warning/warning.html');
const REPORT_PAGE = api.runtime.getURL('report/report.html');
const LEVELS = ['none', 'safe', 'caution', 'danger'];
const RANK = { none: 0, safe: 0, caution: 1, danger: 2 };
const MAX_REPORTS = 1000;
const MAX_TRUSTED = 2000;

// ------------------------------------------------------------------------------------------------ engine
// Started at top level, awaited by every handler. (A top-level `await` is not allowed in a service worker
// module, and the listeners below must be registered synchronously so that events wake the worker.)
let engine = null;
let engineError = null;
/** Start-up milestones on the worker's timeline (bench/extension-cost.mjs reads them; a mark costs nothing):
 * script, wasm-compiled, wasm-instantiated, engine-ready, first-event (the first event of any listener below),
 * first-verdict. */
const marked = new Set();
function mark(name) {
  if (marked.has(name)) return;
  marked.add(name);
  try {
    performance.mark(name);
  } catch { /* ignore */ }
}
mark('omamori:script');
/** The wasm module, compiled while it streams in (what wasm-bindgen's init does, with a milestone between). */
async function compileEngine() {
  const url = new URL('../pkg/omamori_bg.wasm', import.meta.url);
  try {
    return await WebAssembly.compileStreaming(fetch(url));
  } catch {
    // (a browser that does not give extension files the application/wasm type)
    return WebAssembly.compile(await (await fetch(url)).arrayBuffer());
  }
}
const engineReady = (async () => {
  const module = await compileEngine();
  mark('omamori:wasm-compiled');
  await init({ module_or_path: module });
  mark('omamori:wasm-instantiated');
  engine = new Engine();
  mark('omamori:engine-ready');
  return engine;
})();
engineReady.catch((e) => {
  engineError = e;
  console.error('Omamori: the engine failed to load', e);
});

/** Both locales' messages, for the reasons the shell adds itself (verdict reasons carry ja and en). Read at the
 * first such reason, not when the worker starts: a woken worker's first job is a verdict, and most need none. */
let localesPromise = null;
const localesReady = () => localesPromise || (localesPromise = (async () => {
  const [ja, en] = await Promise.all([loadLocale(api, 'ja'), loadLocale(api, 'en')]);
  return { ja, en };
})());

/** A message of one locale with its $PLACEHOLDERS$ filled. */
async function localeText(lang, key, subs = []) {
  return fillMessage((await localesReady())[lang], key, subs);
}

/** A reason of the shell's own, in both languages, shaped like the engine's. */
async function shellReason(code, severity, key, subsJa, subsEn = subsJa) {
  return { code, severity, ja: await localeText('ja', key, subsJa), en: await localeText('en', key, subsEn) };
}

function uiMsg(key, subs) {
  try {
    return api.i18n.getMessage(key, subs) || '';
  } catch {
    return '';
  }
}

/** Engine results as plain, JSON-safe objects (serde-wasm-bindgen may give undefined or Maps). */
function plain(x, depth = 0) {
  if (depth > 8) return null;
  if (x === undefined || x === null) return null;
  if (x instanceof Map) {
    const o = {};
    for (const [k, v] of x) o[String(k)] = plain(v, depth + 1);
    return o;
  }
  if (Array.isArray(x)) return x.map((v) => plain(v, depth + 1));
  if (typeof x === 'object') {
    const o = {};
    for (const [k, v] of Object.entries(x)) o[k] = plain(v, depth + 1);
    return o;
  }
  if (typeof x === 'bigint') return Number(x);
  return x;
}

function normVerdict(raw, url) {
  const v = plain(raw) || {};
  if (!LEVELS.includes(v.level)) v.level = 'none';
  v.brand = v.brand || null;
  v.brand_name = v.brand_name || null;
  v.host = v.host || hostOf(url) || '';
  v.registrable_domain = v.registrable_domain || null;
  v.reasons = Array.isArray(v.reasons) ? v.reasons : [];
  v.go_instead = v.go_instead || null;
  v.fields = Array.isArray(v.fields) ? v.fields : [];
  v.url_block = !!v.url_block;
  return v;
}

async function checkUrl(url) {
  const e = await engineReady;
  const v = normVerdict(e.checkUrl(url), url);
  mark('omamori:first-verdict');
  return v;
}

async function checkPage(facts) {
  const e = await engineReady;
  const v = normVerdict(e.checkPage(facts), facts.url);
  mark('omamori:first-verdict');
  return v;
}

// URL verdicts are pure functions of the URL: links of a page (and the same link seen again) are checked once.
const urlCache = new Map();
async function cachedCheckUrl(url) {
  if (urlCache.has(url)) return urlCache.get(url);
  const v = await checkUrl(url);
  urlCache.set(url, v);
  if (urlCache.size > 3000) urlCache.delete(urlCache.keys().next().value);
  return v;
}

/** The knowledge base's public view of the brands (directory), computed once. */
let brandList = null;
async function brands() {
  if (brandList) return brandList;
  const e = await engineReady;
  brandList = (plain(e.brands()) || []).map((b) => ({
    id: String(b.id || ''), name_ja: b.name_ja || '', name_en: b.name_en || '', category: b.category || '',
    names: Array.isArray(b.names) ? b.names.map(String) : [],
    weak_names: Array.isArray(b.weak_names) ? b.weak_names.map(String) : [],
    aliases: Array.isArray(b.aliases) ? b.aliases.map(String) : [], // readings and romaji, for the directory only
    domains: Array.isArray(b.domains) ? b.domains.map(String) : [],
    top: httpUrl(b.top), login: httpUrl(b.login),
    parent: typeof b.parent === 'string' && b.parent ? b.parent : null, // brand group (smbc_card → smbc_group)
  })).filter((b) => b.id);
  return brandList;
}

/** The top of a brand's group (its parent's parent…), or the brand itself. */
async function groupOf(id) {
  const list = await brands();
  let cur = id;
  for (let i = 0; i < 5; i++) {
    const b = list.find((x) => x.id === cur);
    if (!b || !b.parent) break;
    cur = b.parent;
  }
  return cur;
}

/** Two brands of one organisation: the same brand, or brands of the same group (三井住友カード and 三井住友銀行). */
async function sameOrganisation(a, b) {
  if (!a || !b) return false;
  return a === b || (await groupOf(a)) === (await groupOf(b));
}
async function brandInfo(id) {
  if (typeof id !== 'string' || !id) return null;
  return (await brands()).find((b) => b.id === id) || null;
}

/** Where to go instead of a page pretending to be `brand`: the verdict's go_instead, else the KB. */
async function officialFor(v) {
  const gi = (v && v.go_instead) || {};
  const b = await brandInfo(v && v.brand);
  const top = httpUrl(gi.top) || (b && b.top) || null;
  if (!top) return null;
  return {
    brand: (v && v.brand) || null,
    brand_name: (v && v.brand_name) || (b ? { ja: b.name_ja, en: b.name_en } : null),
    top, login: httpUrl(gi.login) || (b && b.login) || null, phishing_info: httpUrl(gi.phishing_info),
    phones: Array.isArray(gi.phones) ? gi.phones.slice(0, 6) : [],
  };
}

// ------------------------------------------------------------------------------------------------ helpers
function isHttp(u) {
  return typeof u === 'string' && /^https?:\/\//i.test(u);
}
function originOf(u) {
  try {
    const x = new URL(u);
    return x.protocol === 'http:' || x.protocol === 'https:' ? x.origin : '';
  } catch {
    return '';
  }
}
function hostOf(u) {
  try {
    return new URL(u).hostname;
  } catch {
    return '';
  }
}
function httpUrl(u) {
  return isHttp(u) && u.length <= 2048 ? u : null;
}
const str = (s, n) => (typeof s === 'string' ? (s.length > n ? s.slice(0, n) : s) : '');

function senderKind(sender) {
  if (!sender || sender.id !== api.runtime.id) return null;
  const url = sender.url || '';
  if (url.startsWith(EXT_BASE)) return 'page';
  if (sender.tab && typeof sender.tab.id === 'number' && typeof sender.frameId === 'number') return 'content';
  return null;
}

// ------------------------------------------------------------------------------------------------ storage
// storage.local: { trusted: {origin: {added, host, brand, level}}, reports: [Report] }
let trusted = {};
let reports = [];
const listsReady = (async () => {
  try {
    const got = await api.storage.local.get(['trusted', 'reports']);
    trusted = got.trusted && typeof got.trusted === 'object' ? got.trusted : {};
    reports = Array.isArray(got.reports) ? got.reports : [];
  } catch (e) {
    console.error('Omamori: cannot read storage', e);
  }
})();
api.storage.onChanged.addListener((changes, area) => {
  if (area !== 'local') return;
  if (changes.trusted) trusted = changes.trusted.newValue || {};
  if (changes.reports) reports = changes.reports.newValue || [];
});

const isTrusted = (origin) => !!origin && Object.prototype.hasOwnProperty.call(trusted, origin);
const isReported = (origin) => !!origin && reports.some((r) => r.origin === origin);

async function saveTrusted() {
  await api.storage.local.set({ trusted });
}
async function saveReports() {
  await api.storage.local.set({ reports });
}

/** A site the user reported is at least `caution` from then on, with the reason `user-reported`. */
async function withUserLists(v, origin) {
  if (!isReported(origin)) return v;
  if (!v.reasons.some((r) => r.code === 'user-reported')) {
    v.reasons.push(await shellReason('user-reported', 'caution', 'reason_user_reported'));
  }
  if (RANK[v.level] < RANK.caution) v.level = 'caution';
  v.user_reported = true;
  return v;
}

// ------------------------------------------------------------------------------------------------ tab state
// tabId -> { frames: { [frameId]: {url, origin, verdict, trusted, at, doc} } }; mirrored in storage.session
// so that the popup still knows after the service worker was stopped and restarted.
const tabs = new Map();
const session = api.storage.session;

async function getTab(tabId) {
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
function persistTab(tabId) {
  if (!session || persistTimers.has(tabId)) return;
  persistTimers.set(tabId, setTimeout(() => {
    persistTimers.delete(tabId);
    const t = tabs.get(tabId);
    const op = t ? session.set({ [`tab:${tabId}`]: t }) : session.remove(`tab:${tabId}`);
    op.catch(() => {});
  }, 100));
}

async function forgetTab(tabId) {
  tabs.delete(tabId);
  if (session) session.remove(`tab:${tabId}`).catch(() => {});
}

function effectiveLevel(f) {
  return f.trusted ? 'none' : f.verdict.level;
}

/** The frame whose verdict speaks for the tab: the most severe one, else the top frame. */
function worstFrame(t) {
  let worst = null;
  for (const [id, f] of Object.entries(t.frames)) {
    if (!f || !f.verdict) continue;
    const r = RANK[effectiveLevel(f)];
    if (!worst || r > worst.r || (r === worst.r && id === '0')) worst = { id, f, r };
  }
  return worst;
}

async function updateBadge(tabId, override) {
  let level = 'none';
  let top = null;
  if (override) {
    level = override;
  } else {
    const t = await getTab(tabId);
    const w = worstFrame(t);
    top = t.frames['0'] || null;
    if (w && w.r > 0) level = effectiveLevel(w.f);
    else if (top && !top.trusted && top.verdict.level === 'safe') level = 'safe';
  }
  const look = {
    danger: { text: '!', bg: '#c5221f', fg: '#ffffff', title: 'badge_title_danger' },
    caution: { text: '?', bg: '#f9ab00', fg: '#000000', title: 'badge_title_caution' },
    safe: { text: '✓', bg: '#188038', fg: '#ffffff', title: 'badge_title_safe' },
    none: { text: '', bg: '#5f6368', fg: '#ffffff', title: 'actionTitle' },
  }[level];
  try {
    await api.action.setBadgeText({ tabId, text: look.text });
    if (look.text) {
      await api.action.setBadgeBackgroundColor({ tabId, color: look.bg });
      if (api.action.setBadgeTextColor) await api.action.setBadgeTextColor({ tabId, color: look.fg });
    }
    let title = uiMsg(look.title);
    if (level === 'safe' && top && top.verdict.brand_name) {
      title = uiMsg('badge_title_safe_brand', pickName(top.verdict.brand_name)) || title;
    }
    await api.action.setTitle({ tabId, title: title || 'Omamori' });
  } catch {
    // The tab may be gone.
  }
}

function pickName(o) {
  if (!o) return '';
  const lang = uiMsg('lang') === 'en' ? 'en' : 'ja';
  return o[lang] || o.ja || o.en || '';
}

async function recordFrame(tabId, frameId, entry) {
  const t = await getTab(tabId);
  const prev = t.frames[String(frameId)];
  // Checks of one document can finish out of order (the URL-only check at document_start and the page check are
  // in flight together): a stale answer must not replace a newer one, or the tab would forget the danger its page
  // is showing (and a page that removes the warning would not be sent away).
  if (prev && entry.doc && prev.doc === entry.doc && prev.seq > entry.seq) return;
  t.frames[String(frameId)] = entry;
  // Bounded: a page with hundreds of frames keeps the latest 64.
  const keys = Object.keys(t.frames);
  if (keys.length > 64) {
    keys.sort((a, b) => t.frames[a].at - t.frames[b].at);
    for (const k of keys.slice(0, keys.length - 64)) if (k !== '0') delete t.frames[k];
  }
  persistTab(tabId);
  updateBadge(tabId);
}

// ------------------------------------------------------------------------------------------------ navigation
function warningUrl(url, brand, extra) {
  let u = `${WARNING_PAGE}?url=${encodeURIComponent(url)}`;
  if (brand) u += `&brand=${encodeURIComponent(brand)}`;
  if (extra) for (const [k, v] of Object.entries(extra)) if (v) u += `&${k}=${encodeURIComponent(v)}`;
  return u;
}

const recentBlocks = new Map(); // tabId -> {url, at}
async function maybeBlock(tabId, url) {
  if (tabId < 0 || !isHttp(url)) return;
  let v;
  try {
    await listsReady;
    v = await checkUrl(url);
  } catch {
    return;
  }
  if (!v.url_block || isTrusted(originOf(url))) return;
  const last = recentBlocks.get(tabId);
  if (last && last.url === url && Date.now() - last.at < 2000) return;
  recentBlocks.set(tabId, { url, at: Date.now() });
  try {
    await api.tabs.update(tabId, { url: warningUrl(url, v.brand) });
  } catch { /* the tab is gone */ }
}

api.webNavigation.onBeforeNavigate.addListener((d) => {
  mark('omamori:first-event');
  if (d.frameId !== 0) return;
  maybeBlock(d.tabId, d.url);
});

api.webNavigation.onCommitted.addListener((d) => {
  mark('omamori:first-event');
  if (d.frameId !== 0 || d.tabId < 0) return;
  // The block landed: a new visit to the same URL must be stopped again (the de-duplication only covers the
  // one navigation that both onBeforeNavigate and onCommitted report).
  if (String(d.url).startsWith(WARNING_PAGE)) recentBlocks.delete(d.tabId);
  // A new document in the tab: forget the frames of the previous one (those recorded before the commit;
  // checks of the new document may already have arrived, they are newer).
  getTab(d.tabId).then((t) => {
    const ts = typeof d.timeStamp === 'number' ? d.timeStamp : Date.now();
    for (const [k, f] of Object.entries(t.frames)) if (!f || f.at < ts - 50) delete t.frames[k];
    persistTab(d.tabId);
    if (!String(d.url).startsWith(WARNING_PAGE)) updateBadge(d.tabId);
  });
  // Server-side redirects do not fire onBeforeNavigate for the final URL: check it here too.
  maybeBlock(d.tabId, d.url);
});

api.tabs.onRemoved.addListener((tabId) => {
  forgetTab(tabId);
  recentBlocks.delete(tabId);
});
if (api.tabs.onReplaced) {
  api.tabs.onReplaced.addListener((added, removed) => {
    forgetTab(removed);
  });
}

// ------------------------------------------------------------------------------------------------ trust
async function trustOrigin(origin, info = {}) {
  await listsReady;
  if (!originOf(origin) || originOf(origin) !== origin) throw new Error('not an http(s) origin');
  trusted[origin] = {
    added: Date.now(), host: hostOf(origin), brand: info.brand || null, level: info.level || null,
  };
  const keys = Object.keys(trusted);
  if (keys.length > MAX_TRUSTED) {
    keys.sort((a, b) => trusted[a].added - trusted[b].added);
    for (const k of keys.slice(0, keys.length - MAX_TRUSTED)) delete trusted[k];
  }
  await saveTrusted();
  await afterListChange(origin);
}

async function untrustOrigin(origin) {
  await listsReady;
  delete trusted[origin];
  await saveTrusted();
  await afterListChange(origin);
}

/** Trust or report lists changed for an origin: update stored frames and ask its frames to check again. */
async function afterListChange(origin) {
  for (const [tabId, t] of tabs) {
    let touched = false;
    for (const f of Object.values(t.frames)) {
      if (f && f.origin === origin) {
        f.trusted = isTrusted(origin);
        touched = true;
      }
    }
    if (touched) {
      persistTab(tabId);
      updateBadge(tabId);
    }
  }
  let all = [];
  try {
    all = await api.tabs.query({});
  } catch { /* ignore */ }
  for (const tab of all) {
    if (typeof tab.id !== 'number' || tab.id < 0) continue;
    api.tabs.sendMessage(tab.id, { type: 'recheck', origin }).catch(() => {});
  }
}

// ------------------------------------------------------------------------------------------------ reports
/** The URL as reported: without query and fragment, which may carry personal data (e.g. ?email=…). */
function reportableUrl(url) {
  try {
    const x = new URL(url);
    return x.origin + x.pathname;
  } catch {
    return '';
  }
}

const drafts = new Map();
async function makeDraft(url, verdict) {
  const v = verdict || (await withUserLists(await checkUrl(url), originOf(url)));
  const id = crypto.randomUUID();
  const gi = v.go_instead || {};
  const official = await officialFor(v);
  const draft = {
    id,
    created: Date.now(),
    url: reportableUrl(url),
    url_trimmed: reportableUrl(url) !== url,
    origin: originOf(url),
    host: v.host || hostOf(url),
    registrable_domain: v.registrable_domain || null,
    level: v.level,
    brand: v.brand || null,
    brand_name: v.brand_name || null,
    reasons: (v.reasons || []).slice(0, 12).map((r) => ({
      code: str(r.code, 80), severity: str(r.severity, 20), ja: str(r.ja, 400), en: str(r.en, 400),
    })),
    // The brand's own contact (from the knowledge base): its page about phishing, its top page, its phones.
    official: {
      top: httpUrl(gi.top) || (official && official.top) || null,
      phishing_info: httpUrl(gi.phishing_info),
      phones: (official ? official.phones : []).filter((p) => p && typeof p.number === 'string').slice(0, 6)
        .map((p) => ({ number: str(p.number, 40), ja: str(p.ja, 200), en: str(p.en, 200) })),
    },
    trusted: isTrusted(originOf(url)),
    version: api.runtime.getManifest().version,
  };
  drafts.set(id, draft);
  if (session) session.set({ [`draft:${id}`]: draft }).catch(() => {});
  return draft;
}

async function getDraft(id) {
  if (typeof id !== 'string') return null;
  if (drafts.has(id)) return drafts.get(id);
  if (!session) return null;
  try {
    const got = await session.get(`draft:${id}`);
    return got[`draft:${id}`] || null;
  } catch {
    return null;
  }
}

/** Opens the report page for `url`. mode 'wrong': the person says the warning is wrong (a report for the
 * project, and trusting the site) instead of reporting a phishing site. */
async function openReport(url, verdict, openerTab, mode) {
  if (!isHttp(url)) throw new Error('nothing to report');
  const draft = await makeDraft(url, verdict);
  let page = `${REPORT_PAGE}?id=${encodeURIComponent(draft.id)}`;
  if (mode === 'wrong') page += '&mode=wrong';
  await openTabNextTo(page, openerTab);
  return draft;
}

/** A new active tab with url, right of the opener when there is one (anywhere if that is refused: the opener may be
 * gone, or in a window that takes no tabs). */
async function openTabNextTo(url, openerTab) {
  const props = { url, active: true };
  if (openerTab && typeof openerTab.index === 'number') {
    props.index = openerTab.index + 1;
    if (typeof openerTab.id === 'number') props.openerTabId = openerTab.id;
  }
  try {
    await api.tabs.create(props);
  } catch {
    await api.tabs.create({ url, active: true });
  }
}

const CHANNELS = new Set(['antiphishing_mail', 'safe_browsing', 'brand_site']);
async function reportSent(id, channel) {
  await listsReady;
  if (!CHANNELS.has(channel)) throw new Error('unknown channel');
  const draft = await getDraft(id);
  if (!draft) throw new Error('unknown report');
  let entry = reports.find((r) => r.id === id);
  if (!entry) {
    entry = {
      id, time: Date.now(), url: draft.url, origin: draft.origin, host: draft.host,
      registrable_domain: draft.registrable_domain, brand: draft.brand, brand_name: draft.brand_name,
      level: draft.level, reasons: draft.reasons.map((r) => ({ code: r.code, ja: r.ja, en: r.en })), channels: [],
    };
    reports.push(entry);
    if (reports.length > MAX_REPORTS) reports.splice(0, reports.length - MAX_REPORTS);
  }
  entry.channels.push({ channel, time: Date.now() });
  await saveReports();
  await afterListChange(draft.origin);
  return entry;
}

// ------------------------------------------------------------------------------------------------ links
/*
 * Deceptive links (before the click). A link is HELD when
 *   - its text, title or aria-label shows a domain that is official for a brand in the KB, and its href goes
 *     neither to the same registrable domain nor to another official domain of the same brand or brand group
 *     ("text-mismatch"; the brands' own redirect/click-tracking domains are official domains in the KB), or
 *   - its href itself is a `danger` URL (a lookalike of a brand) ("lookalike").
 * A link to an origin the person trusts is never held.
 */
async function classifyLink(href, shown) {
  if (!isHttp(href) || href.length > 4096) return null;
  await listsReady;
  if (isTrusted(originOf(href))) return null;
  const hv = await cachedCheckUrl(href);
  const hrd = hv.registrable_domain || hostOf(href);
  for (const d of (Array.isArray(shown) ? shown : []).slice(0, 5)) {
    if (typeof d !== 'string' || !/^[a-z0-9.-]{3,253}$/.test(d)) continue;
    const sv = await cachedCheckUrl(`https://${d}/`);
    if (sv.level !== 'safe' || !sv.brand) continue;
    if ((sv.registrable_domain && sv.registrable_domain === hrd)
      || (hv.level === 'safe' && await sameOrganisation(hv.brand, sv.brand))) continue;
    const name = sv.brand_name || {};
    const dest = hv.host || hostOf(href);
    const reasons = [await shellReason('link-text-mismatch', 'danger', 'link_reason_mismatch',
      [d, name.ja || '', dest], [d, name.en || name.ja || '', dest])];
    reasons.push(...hv.reasons);
    return linkHold('text-mismatch', href, d, { ...hv, brand: sv.brand, brand_name: sv.brand_name }, reasons);
  }
  if (hv.level === 'danger') return linkHold('lookalike', href, null, hv, hv.reasons);
  return null;
}

async function linkHold(kind, href, shown, v, reasons) {
  const official = await officialFor(v);
  return {
    kind, href, shown, level: 'danger', brand: v.brand || null, brand_name: v.brand_name || null,
    host: v.host || hostOf(href), registrable_domain: v.registrable_domain || null,
    reasons: reasons.slice(0, 8), go_instead: official ? { top: official.top, login: official.login, phones: [] } : null,
  };
}

// ---- the context menu: "このリンクを確認" on any link opens the check page in a small window.
const MENU_CHECK_LINK = 'omamori-check-link';
const CHECK_PAGE = api.runtime.getURL('check/check.html');
const menus = api.contextMenus || api.menus;
// Created at every start of the background (Chrome keeps items across service-worker restarts, Firefox's event
// page may not): remove, then create. removeAll returns a promise in both browsers (Firefox's browser.* takes no
// callbacks); create takes one in both (a duplicate after a quick restart is harmless).
const menusReady = (async () => {
  if (!menus) return false;
  try {
    await menus.removeAll();
  } catch { /* nothing to remove */ }
  try {
    menus.create({ id: MENU_CHECK_LINK, title: uiMsg('menu_check_link') || 'Omamori', contexts: ['link'] }, () => {
      void api.runtime.lastError;
    });
    return true;
  } catch (e) {
    console.error('Omamori: cannot create the context menu', e);
    return false;
  }
})();

async function onMenuClicked(info, tab) {
  if (!info || info.menuItemId !== MENU_CHECK_LINK) return null;
  const link = typeof info.linkUrl === 'string' ? info.linkUrl.slice(0, 4096) : '';
  const url = `${CHECK_PAGE}?url=${encodeURIComponent(link)}`;
  try {
    const w = await api.windows.create({ url, type: 'popup', width: 480, height: 680, focused: true });
    return { window_id: w && w.id, url };
  } catch {
    await openTabNextTo(url, tab);
    return { url };
  }
}
if (menus && menus.onClicked) menus.onClicked.addListener((info, tab) => { onMenuClicked(info, tab); });

/** Opens a brand's official page (from the KB, never from a page) in a new tab next to the opener. */
async function openOfficial(brand, which, openerTab) {
  const b = await brandInfo(brand);
  const url = b && (which === 'login' ? b.login || b.top : b.top);
  if (!url) throw new Error('unknown brand');
  await openTabNextTo(url, openerTab);
  return url;
}

// ------------------------------------------------------------------------------------------------ facts
/** Defensive copy of the page facts: types and sizes as docs/engine-api.md says. */
function sanitizeFacts(raw, sender) {
  const f = raw && typeof raw === 'object' ? raw : {};
  const arr = (a, n, m) => (Array.isArray(a) ? a.slice(0, n).filter((x) => typeof x === 'string').map((x) => str(x, m)) : []);
  const out = {
    url: isHttp(f.url) ? str(f.url, 8192) : (typeof f.url === 'string' ? str(f.url, 8192) : sender.url || ''),
    top_url: sender.frameId === 0 ? null : (sender.tab && sender.tab.url) || (typeof f.top_url === 'string' ? str(f.top_url, 8192) : null),
    is_top: sender.frameId === 0,
    title: str(f.title, 300),
    site_name: str(f.site_name, 200),
    headings: arr(f.headings, 20, 200),
    image_alts: arr(f.image_alts, 30, 200),
    footer_text: str(f.footer_text, 1000),
    text: str(f.text, 4000),
    form_actions: arr(f.form_actions, 20, 2048),
    resource_urls: arr(f.resource_urls, 50, 2048),
    logos: arr(f.logos, 30, 300),
    favicon: isHttp(f.favicon) ? str(f.favicon, 2048) : '',
    buttons: arr(f.buttons, 20, 100),
    top_claim: null, // set below from the tab's own top-frame verdict, never from the content script
    inputs: [],
  };
  if (Array.isArray(f.inputs)) {
    for (const i of f.inputs.slice(0, 500)) {
      if (!i || typeof i !== 'object') continue;
      const o = {};
      for (const k of ['tag', 'type', 'name', 'id', 'autocomplete', 'inputmode', 'placeholder', 'aria_label', 'label', 'context', 'form_action']) {
        o[k] = str(i[k], k === 'form_action' ? 2048 : 200);
      }
      if (Number.isInteger(i.maxlength) && i.maxlength >= 0 && i.maxlength <= 100000) o.maxlength = i.maxlength;
      out.inputs.push(o);
    }
  }
  return out;
}

// ------------------------------------------------------------------------------------------------ messages
/*
 * MESSAGES (request -> response). Every response has `ok`; on failure {ok: false, error}.
 *
 * From the content script (sender.tab + frameId; origins are taken from the sender, never trusted blindly):
 *   {type:'check', seq, doc, facts, cost, start} -> {ok, seq, verdict, trusted}   verdict.level is 'none' when
 *                                             trusted (then verdict.real_level holds the engine's level);
 *                                             cost: ms the content script spent reading the facts; start: ms it
 *                                             took at document_start (both for the benchmarks)
 *   {type:'trust-origin', url}             -> {ok, origin}        "continue anyway" in the in-page warning
 *   {type:'open-report', url?, mode?}      -> {ok, id}            opens report/report.html for this frame (or url);
 *                                                                 mode 'wrong': "this warning is wrong"
 *   {type:'leave', can_go_back}            -> {ok}                official top page, else back, else about:blank
 *   {type:'guard-tampered', what}          -> {ok, redirected}    page removed/altered the guard: warning page
 *   {type:'check-links', links:[{href, shown}]} -> {ok, results:[null | LinkHold]}   deceptive links
 *   {type:'open-official', brand, which}   -> {ok, url}           the brand's top|login (from the KB) in a new tab
 * From the extension's pages (sender.url under the extension's origin):
 *   {type:'tab-state', tab_id}             -> {ok, tab_id, url, checkable, warning_page, pending, frame_id,
 *                                              verdict, trusted, reported, origin}
 *   {type:'url-verdict', url}              -> {ok, verdict, trusted, reported, origin}   (warning page)
 *   {type:'trust-origin', origin|url}      -> {ok, origin}
 *   {type:'untrust-origin', origin}        -> {ok}
 *   {type:'list-trusted'}                  -> {ok, trusted: [{origin, added, host, brand, level}]}
 *   {type:'open-report', tab_id | url, mode?} -> {ok, id}
 *   {type:'report-draft', id}              -> {ok, draft}
 *   {type:'report-sent', id, channel}      -> {ok, report}       channel: antiphishing_mail|safe_browsing|brand_site
 *   {type:'list-reports'}                  -> {ok, reports}
 *   {type:'delete-reports', ids | all}     -> {ok, remaining}
 *   {type:'check-link', url}               -> {ok, url, verdict, official, trusted, reported, origin} | {ok, invalid}
 *   {type:'brands'}                        -> {ok, brands:[{id, name_ja, name_en, category, names, weak_names, aliases, domains, top, login}]}
 * To the content script (tabs.sendMessage):
 *   {type:'recheck', origin}               the trust/report lists changed for origin: check again
 */
const FROM_CONTENT = {
  async check(m, sender) {
    await listsReady;
    const facts = sanitizeFacts(m.facts, sender);
    // judge the tab: a subframe is judged with the brand its top page presents itself as
    if (sender.frameId !== 0 && sender.tab) {
      const top = (await getTab(sender.tab.id))?.frames?.['0'];
      if (top && top.verdict && typeof top.verdict.claim === 'string') facts.top_claim = top.verdict.claim;
    }
    const origin = originOf(facts.url);
    await engineReady;
    const t0 = performance.now();
    let v = await checkPage(facts);
    // what the check cost, kept with the frame for the benchmarks (never sent anywhere): the content script's
    // facts extraction and link scan and its own start at document_start as it reports them, and the engine here
    // (facts crossing into wasm included)
    const ms = (x) => (Number.isFinite(x) && x >= 0 ? Math.min(x, 1e6) : null);
    const cost = { extract_ms: ms(m.cost), start_ms: ms(m.start), engine_ms: performance.now() - t0 };
    v = await withUserLists(v, origin);
    const tr = isTrusted(origin);
    await recordFrame(sender.tab.id, sender.frameId, {
      url: facts.url, origin, verdict: v, trusted: tr, at: Date.now(), doc: str(m.doc, 40),
      seq: Number.isSafeInteger(m.seq) ? m.seq : 0, cost,
    });
    const out = tr ? { ...v, level: 'none', real_level: v.level, trusted: true } : v;
    return { ok: true, seq: m.seq, verdict: out, trusted: tr };
  },

  async 'trust-origin'(m, sender) {
    const t = await getTab(sender.tab.id);
    const f = t.frames[String(sender.frameId)];
    // The frame's own origin: from the sender when it has one, else (about:blank, srcdoc) from its last check.
    const origin = originOf(sender.url) || (f && f.origin) || '';
    if (!origin) throw new Error('no origin');
    await trustOrigin(origin, { brand: f && f.verdict.brand, level: f && f.verdict.level });
    return { ok: true, origin };
  },

  async 'open-report'(m, sender) {
    // {url}: a link the person was about to open (deceptive link); else this frame's page.
    if (typeof m.url === 'string' && isHttp(m.url)) {
      const d = await openReport(m.url, null, sender.tab, m.mode);
      return { ok: true, id: d.id };
    }
    const t = await getTab(sender.tab.id);
    const f = t.frames[String(sender.frameId)];
    const url = (f && f.url) || sender.url;
    const d = await openReport(url, f && f.verdict, sender.tab, m.mode);
    return { ok: true, id: d.id };
  },

  async 'check-links'(m) {
    const links = Array.isArray(m.links) ? m.links.slice(0, 300) : [];
    const results = [];
    for (const l of links) {
      if (!l || typeof l !== 'object') {
        results.push(null);
        continue;
      }
      const shown = Array.isArray(l.shown) ? l.shown.filter((x) => typeof x === 'string').slice(0, 5).map((x) => str(x, 253)) : [];
      results.push(await classifyLink(str(l.href, 4096), shown));
    }
    return { ok: true, results };
  },

  async 'open-official'(m, sender) {
    const url = await openOfficial(m.brand, m.which, sender.tab);
    return { ok: true, url };
  },

  async leave(m, sender) {
    const tabId = sender.tab.id;
    const t = await getTab(tabId);
    const f = t.frames[String(sender.frameId)];
    const top = f && f.verdict.go_instead ? httpUrl(f.verdict.go_instead.top) : null;
    if (top) {
      await api.tabs.update(tabId, { url: top });
    } else if (m.can_go_back && api.tabs.goBack) {
      try {
        await api.tabs.goBack(tabId);
      } catch {
        await api.tabs.update(tabId, { url: 'about:blank' });
      }
    } else {
      await api.tabs.update(tabId, { url: 'about:blank' });
    }
    return { ok: true };
  },

  async 'guard-tampered'(m, sender) {
    const t = await getTab(sender.tab.id);
    const f = t.frames[String(sender.frameId)];
    if (!f || f.trusted || f.verdict.level !== 'danger' || !isHttp(f.url)) return { ok: true, redirected: false };
    const top = sender.frameId === 0 ? null : sender.tab.url;
    await api.tabs.update(sender.tab.id, {
      url: warningUrl(f.url, f.verdict.brand, { reason: 'tampered', top: isHttp(top) ? top : null }),
    });
    return { ok: true, redirected: true };
  },
};

const FROM_PAGES = {
  async 'tab-state'(m) {
    await listsReady;
    const tabId = m.tab_id;
    if (typeof tabId !== 'number') throw new Error('tab_id required');
    const tab = await api.tabs.get(tabId);
    const url = tab.url || tab.pendingUrl || '';
    if (url.startsWith(WARNING_PAGE)) {
      const blocked = new URL(url).searchParams.get('url') || '';
      if (!isHttp(blocked)) return { ok: true, tab_id: tabId, url, checkable: false, warning_page: true };
      const origin = originOf(blocked);
      const v = await withUserLists(await checkUrl(blocked), origin);
      return {
        ok: true, tab_id: tabId, url: blocked, checkable: true, warning_page: true, verdict: v,
        trusted: isTrusted(origin), reported: isReported(origin), origin,
      };
    }
    if (!isHttp(url)) return { ok: true, tab_id: tabId, url, checkable: false, warning_page: false };
    const t = await getTab(tabId);
    const w = worstFrame(t);
    if (w) {
      return {
        ok: true, tab_id: tabId, url: w.f.url, checkable: true, warning_page: false, pending: false,
        frame_id: Number(w.id), verdict: w.f.verdict, trusted: isTrusted(w.f.origin),
        reported: isReported(w.f.origin), origin: w.f.origin,
      };
    }
    // No content-script verdict (yet): the URL alone.
    const origin = originOf(url);
    const v = await withUserLists(await checkUrl(url), origin);
    return {
      ok: true, tab_id: tabId, url, checkable: true, warning_page: false, pending: true, frame_id: 0,
      verdict: v, trusted: isTrusted(origin), reported: isReported(origin), origin,
    };
  },

  async 'url-verdict'(m, sender) {
    await listsReady;
    if (!isHttp(m.url)) return { ok: false, error: 'not an http(s) URL' };
    const origin = originOf(m.url);
    const v = await withUserLists(await checkUrl(m.url), origin);
    if (sender.tab && typeof sender.tab.id === 'number') updateBadge(sender.tab.id, 'danger');
    return { ok: true, verdict: v, trusted: isTrusted(origin), reported: isReported(origin), origin };
  },

  async 'trust-origin'(m) {
    const origin = originOf(m.origin || m.url || '');
    if (!origin) throw new Error('not an http(s) origin');
    let info = {};
    try {
      const v = await checkUrl(m.url || origin + '/');
      info = { brand: v.brand, level: v.level };
    } catch { /* ignore */ }
    await trustOrigin(origin, info);
    return { ok: true, origin };
  },

  async 'untrust-origin'(m) {
    const origin = originOf(m.origin || '');
    if (!origin) throw new Error('not an http(s) origin');
    await untrustOrigin(origin);
    return { ok: true };
  },

  async 'list-trusted'() {
    await listsReady;
    const list = Object.entries(trusted).map(([origin, i]) => ({ origin, ...i }));
    list.sort((a, b) => b.added - a.added);
    return { ok: true, trusted: list };
  },

  async 'open-report'(m, sender) {
    let url = null;
    let verdict = null;
    let opener = sender.tab;
    if (typeof m.tab_id === 'number') {
      const st = await FROM_PAGES['tab-state']({ tab_id: m.tab_id });
      if (!st.checkable) throw new Error('nothing to report');
      url = st.url;
      verdict = st.verdict;
      if (!opener) opener = await api.tabs.get(m.tab_id).catch(() => null); // the popup has no tab
    } else {
      url = m.url;
    }
    const d = await openReport(url, verdict, opener, m.mode);
    return { ok: true, id: d.id };
  },

  async 'check-link'(m) {
    await listsReady;
    if (!isHttp(m.url) || m.url.length > 4096) return { ok: true, url: m.url, invalid: true };
    const origin = originOf(m.url);
    const v = await withUserLists(await cachedCheckUrl(m.url).then((x) => JSON.parse(JSON.stringify(x))), origin);
    return {
      ok: true, url: m.url, verdict: v, official: await officialFor(v), trusted: isTrusted(origin),
      reported: isReported(origin), origin,
    };
  },

  async brands() {
    return { ok: true, brands: await brands() };
  },

  async 'report-draft'(m) {
    const draft = await getDraft(m.id);
    if (!draft) throw new Error('unknown report');
    return { ok: true, draft, reported: isReported(draft.origin) };
  },

  async 'report-sent'(m) {
    const report = await reportSent(m.id, m.channel);
    return { ok: true, report };
  },

  async 'list-reports'() {
    await listsReady;
    return { ok: true, reports: reports.slice().reverse() };
  },

  async 'delete-reports'(m) {
    await listsReady;
    const gone = new Set();
    if (m.all === true) {
      for (const r of reports) gone.add(r.origin);
      reports = [];
    } else if (Array.isArray(m.ids)) {
      const ids = new Set(m.ids);
      reports = reports.filter((r) => {
        if (ids.has(r.id)) {
          gone.add(r.origin);
          return false;
        }
        return true;
      });
    }
    await saveReports();
    for (const o of gone) await afterListChange(o);
    return { ok: true, remaining: reports.length };
  },
};

api.runtime.onMessage.addListener((m, sender, sendResponse) => {
  mark('omamori:first-event');
  const kind = senderKind(sender);
  if (!kind || !m || typeof m !== 'object' || typeof m.type !== 'string') return false;
  const table = kind === 'content' ? FROM_CONTENT : FROM_PAGES;
  if (!Object.prototype.hasOwnProperty.call(table, m.type)) return false;
  Promise.resolve()
    .then(() => table[m.type](m, sender))
    .then(sendResponse, (e) => {
      sendResponse({ ok: false, error: String((e && e.message) || e || 'error'), engine_error: engineError ? String(engineError) : undefined });
    });
  return true; // async response
});

// ------------------------------------------------------------------------------------------------ tests
// The service worker's global is reachable only through browser automation (never from a web page).
globalThis.omamori = Object.freeze({
  engineReady,
  checkUrl,
  checkPage,
  tabState: async (tabId) => JSON.parse(JSON.stringify(await getTab(tabId))),
  trusted: async () => {
    await listsReady;
    return JSON.parse(JSON.stringify(trusted));
  },
  reports: async () => {
    await listsReady;
    return JSON.parse(JSON.stringify(reports));
  },
  trust: (origin) => trustOrigin(origin),
  /** A content script's message as the background takes it, with a made-up sender ({tab: {id}, frameId, url}). */
  fromContent: (m, sender) => FROM_CONTENT[m.type](m, sender),
  classifyLink,
  brands,
  menuId: MENU_CHECK_LINK,
  menusReady,
  menuClicked: (info, tab) => onMenuClicked(info, tab),
  untrust: (origin) => untrustOrigin(origin),
  reset: async () => {
    await listsReady;
    trusted = {};
    reports = [];
    await api.storage.local.set({ trusted, reports });
  },
});
