/*
 * The message handlers: the requests this background answers, in two tables by the kind of sender (a content
 * script in a tab frame; the extension's own pages), and the one runtime.onMessage listener that checks the
 * sender and dispatches. The protocol — every type, its fields, who sends it, the answer: extension/PROTOCOL.md.
 */
import { api, isHttp, originOf, str, judgedUrl } from './basics.js';
import { engineError, mark, engineReady, checkUrl, checkPage, cachedCheckUrl } from './engine.js';
import { brands, officialFor } from './brands.js';
import { trusted, reports, listsReady, isTrusted, isReported, saveReports, setReports, withUserLists, afterListChange } from './lists.js';
import { getTab, worstFrame, recordFrame, persistTab } from './frames.js';
import { awaitTabClaim, frameRecorded } from './tab-claim.js';
import { noteFirstInput, addressBeforeInput } from './before-input.js';
import { updateBadge } from './badge.js';
import { WARNING_PAGE } from './navigation.js';
import { trustOrigin, untrustOrigin } from './trust.js';
import { getDraft, openReport, reportSent } from './reports.js';
import { classifyLink } from './links.js';
import { sanitizeFacts } from './facts.js';
import { pageDanger, linkHeld, warningRecord, recordForPage, closeLinkTab, followHeldForm } from './warnings.js';

const EXT_BASE = api.runtime.getURL('');

function senderKind(sender) {
  if (!sender || sender.id !== api.runtime.id) return null;
  const url = sender.url || '';
  if (url.startsWith(EXT_BASE)) return 'page';
  if (sender.tab && typeof sender.tab.id === 'number' && typeof sender.frameId === 'number') return 'content';
  return null;
}

/** The person's first input into the sender's document, which had the address `url` then (before-input.js). The
 * other frames of the tab are held at the addresses recorded for them before it: a page may pass what is typed in
 * one frame to another (postMessage), which copies it into its own address. */
async function noteInputFrom(sender, url) {
  const t = await getTab(sender.tab.id);
  const f = t.frames[String(sender.frameId)];
  // the sender's own origin (for about:blank and srcdoc frames, the one of its last check)
  const origin = originOf(sender.url) || (f && f.origin) || '';
  let changed = noteFirstInput(t, origin, str(url, 8192));
  for (const g of Object.values(t.frames)) if (g && g.origin && noteFirstInput(t, g.origin, g.url)) changed = true;
  if (changed) persistTab(sender.tab.id);
}

/*
 * The requests answered, by the kind of sender: FROM_CONTENT (a content script: sender.tab + frameId; origins
 * are taken from the sender, never trusted blindly) and FROM_PAGES (sender.url under the extension's origin).
 * The keys are the message types. Each type's fields, who sends it and the answer: extension/PROTOCOL.md.
 * Every answer has `ok`; on failure {ok: false, error}.
 */
export const FROM_CONTENT = {
  async check(m, sender) {
    await listsReady;
    const facts = sanitizeFacts(m.facts, sender);
    const full = m.mode === 'full';
    // judge the tab: a subframe's page check with fields is judged with the brand its ancestors (the top page
    // included) present themselves as, once their first page checks have answered (bounded wait: tab-claim.js)
    const sub = sender.frameId !== 0;
    const w0 = performance.now();
    if (sub && full && facts.inputs.length) facts.top_claim = await awaitTabClaim(sender.tab.id, sender.frameId, sender.tab.url);
    const waited = performance.now() - w0;
    const origin = originOf(facts.url);
    await engineReady;
    const t0 = performance.now();
    let v = await checkPage(facts);
    // what the check cost, kept with the frame for the benchmarks (never sent anywhere): the content script's
    // facts extraction and link scan and its own start at document_start as it reports them, and the engine here
    // (facts crossing into wasm included), and how long a frame's check waited for its ancestors' claim
    const ms = (x) => (Number.isFinite(x) && x >= 0 ? Math.min(x, 1e6) : null);
    const cost = { extract_ms: ms(m.cost), start_ms: ms(m.start), engine_ms: performance.now() - t0, claim_wait_ms: waited };
    v = await withUserLists(v, origin);
    const tr = isTrusted(origin);
    // the person has given this document input (also sent as `first-input` when it happened): from then on the
    // address its origin had at that moment is the one recorded
    if (typeof m.first_input === 'string') await noteInputFrom(sender, m.first_input);
    const entry = {
      url: facts.url, origin, verdict: v, trusted: tr, at: Date.now(), doc: str(m.doc, 40),
      seq: Number.isSafeInteger(m.seq) ? m.seq : 0, full, inputs: facts.inputs.length,
      top_claim: sub ? facts.top_claim : undefined, cost,
    };
    const recorded = await recordFrame(sender.tab.id, sender.frameId, entry);
    if (recorded) frameRecorded(sender.tab.id, sender.frameId, recorded.prev, sender.tab.url).catch(() => {});
    // Page-level danger: the tab goes to the extension's warning page (unless this answer came too late to count),
    // with the address the frame had before the person's first input (entry.url, as recorded)
    const t = await getTab(sender.tab.id);
    if (recorded && !tr && v.level === 'danger' && t.frames[String(sender.frameId)] === entry) {
      Promise.resolve(pageDanger(sender, entry.url, origin, v, addressBeforeInput(t, sender.tab.url || ''))).catch(() => {});
    }
    const out = tr ? { ...v, level: 'none', real_level: v.level, trusted: true } : v;
    return { ok: true, seq: m.seq, verdict: out, trusted: tr };
  },

  async 'first-input'(m, sender) {
    await noteInputFrom(sender, m.url);
    return { ok: true };
  },

  async 'show-warning'(m, sender) {
    // The content script is still on a page it was told is danger: send the tab to the warning page again.
    const t = await getTab(sender.tab.id);
    const f = t.frames[String(sender.frameId)];
    if (!f || !f.verdict || f.verdict.level !== 'danger' || isTrusted(f.origin)) return { ok: true, sent: false };
    return { ok: true, sent: !!(await pageDanger(sender, f.url, f.origin, f.verdict, addressBeforeInput(t, sender.tab.url || ''))) };
  },

  async 'hold-link'(m, sender) {
    // Judged here again (never the content script's word for it); a link that is fine is followed by the page.
    const shown = Array.isArray(m.shown) ? m.shown.filter((x) => typeof x === 'string').slice(0, 5).map((x) => str(x, 253)) : [];
    const hold = await classifyLink(str(m.href, 4096), shown);
    if (!hold) return { ok: true, held: false };
    const token = await linkHeld(sender, hold, { newTab: m.new_tab === true, submit: m.submit === true });
    return { ok: true, held: true, token };
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
};

const FROM_PAGES = {
  async 'tab-state'(m) {
    await listsReady;
    const tabId = m.tab_id;
    if (typeof tabId !== 'number') throw new Error('tab_id required');
    const tab = await api.tabs.get(tabId);
    const t = await getTab(tabId);
    // an address is shown as its site had it in this tab before the person's first input there (before-input.js)
    const url = addressBeforeInput(t, tab.url || tab.pendingUrl || '');
    if (url.startsWith(WARNING_PAGE)) {
      // A page-level danger: the page's verdict (the judged frame's address and origin; return_to: the top page).
      const rec = await recordForPage(url);
      if (rec && rec.kind === 'page') {
        const v = await withUserLists(JSON.parse(JSON.stringify(rec.verdict)), rec.origin);
        return {
          ok: true, tab_id: tabId, url: addressBeforeInput(t, rec.frame || rec.url), return_to: rec.url, checkable: true,
          warning_page: true, verdict: v, trusted: isTrusted(rec.origin), reported: isReported(rec.origin), origin: rec.origin,
        };
      }
      // A URL-level block, or a held link: the address's own verdict.
      const blocked = addressBeforeInput(t, new URL(url).searchParams.get('url') || '');
      if (!isHttp(blocked)) return { ok: true, tab_id: tabId, url, checkable: false, warning_page: true };
      const origin = originOf(blocked);
      const v = await withUserLists(await checkUrl(blocked), origin);
      return {
        ok: true, tab_id: tabId, url: blocked, checkable: true, warning_page: true, verdict: v,
        trusted: isTrusted(origin), reported: isReported(origin), origin,
      };
    }
    if (!isHttp(url)) return { ok: true, tab_id: tabId, url, checkable: false, warning_page: false };
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

  async warning(m, sender) {
    // The warning page asks what its token stands for (the token must come with the same `url`).
    await listsReady;
    const rec = await warningRecord(m.token);
    if (!rec || rec.url !== m.url) throw new Error('unknown warning');
    if (sender.tab && typeof sender.tab.id === 'number') updateBadge(sender.tab.id, 'danger');
    if (rec.kind === 'link') {
      return { ok: true, kind: 'link', url: rec.url, hold: rec.hold, new_tab: rec.new_tab, submit: rec.submit };
    }
    const v = await withUserLists(JSON.parse(JSON.stringify(rec.verdict)), rec.origin);
    return {
      ok: true, kind: 'page', url: rec.url, frame: rec.frame, origin: rec.origin, verdict: v,
      trusted: isTrusted(rec.origin), reported: isReported(rec.origin),
    };
  },

  async 'trust-origin'(m) {
    // {token}: "continue anyway" on the warning page for a page-level danger trusts the origin that was judged
    // (the frame's, for a danger in a frame), as the background recorded it.
    const rec = m.token != null ? await warningRecord(m.token) : null;
    if (m.token != null && (!rec || rec.kind !== 'page')) throw new Error('unknown warning');
    const origin = rec ? rec.origin : originOf(m.origin || m.url || '');
    if (!origin) throw new Error('not an http(s) origin');
    let info = {};
    if (rec) info = { brand: rec.verdict.brand, level: rec.verdict.level };
    else {
      try {
        const v = await checkUrl(m.url || origin + '/');
        info = { brand: v.brand, level: v.level };
      } catch { /* ignore */ }
    }
    await trustOrigin(origin, info);
    return { ok: true, origin };
  },

  async 'close-warning'(m, sender) {
    // "Don't open" on a held link's warning page in a tab of its own: the tab closes, the page is there.
    const rec = await warningRecord(m.token);
    if (!rec || rec.kind !== 'link' || !rec.new_tab) throw new Error('unknown warning');
    await closeLinkTab(rec, sender.tab);
    return { ok: true };
  },

  async 'follow-link'(m, sender) {
    // "Send anyway" for a held form: the page that holds it sends it once.
    const rec = await warningRecord(m.token);
    if (!rec || rec.kind !== 'link' || !rec.submit) throw new Error('unknown warning');
    return { ok: true, followed: await followHeldForm(rec, sender.tab) };
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
    if (m.token != null) {
      // from the warning page: the page it warns about (with the page's verdict), or the held link
      const rec = await warningRecord(m.token);
      if (!rec) throw new Error('unknown warning');
      url = rec.kind === 'page' ? rec.frame || rec.url : rec.url;
      verdict = rec.kind === 'page' ? await withUserLists(JSON.parse(JSON.stringify(rec.verdict)), rec.origin) : null;
    } else if (typeof m.tab_id === 'number') {
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
    const raw = JSON.parse(JSON.stringify(await cachedCheckUrl(m.url)));
    // trusted and reported are about where the link really leads (a redirector's destination)
    const origin = originOf(judgedUrl(m.url, raw));
    const v = await withUserLists(raw, origin);
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
      setReports([]);
    } else if (Array.isArray(m.ids)) {
      const ids = new Set(m.ids);
      setReports(reports.filter((r) => {
        if (ids.has(r.id)) {
          gone.add(r.origin);
          return false;
        }
        return true;
      }));
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
      // engine_error: the engine cannot judge (it failed to load, or trapped): the content script lets input through
      // then, and only then (any other failure is retried with the fields held)
      const broken = engineError || (typeof WebAssembly !== 'undefined' && e instanceof WebAssembly.RuntimeError ? e : null);
      sendResponse({ ok: false, error: String((e && e.message) || e || 'error'), engine_error: broken ? String(broken) : undefined });
    });
  return true; // async response
});
