/*
 * The message handlers: the requests this background answers, in two tables by the kind of sender (a content
 * script in a tab frame; the extension's own pages), and the one runtime.onMessage listener that checks the
 * sender and dispatches. The protocol — every type, its fields, who sends it, the answer: extension/PROTOCOL.md.
 */
import { api, isHttp, originOf, httpUrl, str, judgedUrl } from './basics.js';
import { engineError, mark, engineReady, checkUrl, checkPage, cachedCheckUrl } from './engine.js';
import { brands, officialFor } from './brands.js';
import { trusted, reports, listsReady, isTrusted, isReported, saveReports, setReports, withUserLists, afterListChange } from './lists.js';
import { getTab, worstFrame, recordFrame, persistTab } from './frames.js';
import { awaitTabClaim, frameRecorded } from './tab-claim.js';
import { noteFirstInput, addressBeforeInput } from './before-input.js';
import { updateBadge } from './badge.js';
import { WARNING_PAGE, warningUrl } from './navigation.js';
import { trustOrigin, untrustOrigin } from './trust.js';
import { getDraft, openReport, reportSent } from './reports.js';
import { openOfficial } from './open.js';
import { classifyLink } from './links.js';
import { sanitizeFacts } from './facts.js';

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
    const recorded = await recordFrame(sender.tab.id, sender.frameId, {
      url: facts.url, origin, verdict: v, trusted: tr, at: Date.now(), doc: str(m.doc, 40),
      seq: Number.isSafeInteger(m.seq) ? m.seq : 0, full, inputs: facts.inputs.length,
      top_claim: sub ? facts.top_claim : undefined, cost,
    });
    if (recorded) frameRecorded(sender.tab.id, sender.frameId, recorded.prev, sender.tab.url).catch(() => {});
    const out = tr ? { ...v, level: 'none', real_level: v.level, trusted: true } : v;
    return { ok: true, seq: m.seq, verdict: out, trusted: tr };
  },

  async 'first-input'(m, sender) {
    await noteInputFrom(sender, m.url);
    return { ok: true };
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
    const t = await getTab(tabId);
    // an address is shown as its site had it in this tab before the person's first input there (before-input.js)
    const url = addressBeforeInput(t, tab.url || tab.pendingUrl || '');
    if (url.startsWith(WARNING_PAGE)) {
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
      sendResponse({ ok: false, error: String((e && e.message) || e || 'error'), engine_error: engineError ? String(engineError) : undefined });
    });
  return true; // async response
});
