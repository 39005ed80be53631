/*
 * Reports: the draft of a report (exactly what will be sent: the URL without query and fragment, the brand, the
 * reasons, the brand's own contact), the report page opened for it, and the report log entry once the person
 * sent it through a channel.
 */
import { api, session, isHttp, originOf, hostOf, httpUrl, str, judgedUrl } from './basics.js';
import { checkUrl } from './engine.js';
import { officialFor } from './brands.js';
import { reports, listsReady, isTrusted, saveReports, withUserLists, afterListChange } from './lists.js';
import { openTabNextTo } from './open.js';
import { getTab } from './frames.js';
import { addressBeforeInput } from './before-input.js';

const REPORT_PAGE = api.runtime.getURL('report/report.html');

const MAX_REPORTS = 1000;

/**
 * The URL as reported: without query and fragment, which may carry personal data (e.g. ?email=…), and without the
 * part of the path from a segment that holds an e-mail address on. The address itself is already the one its site
 * had before the person's first input in the tab (before-input.js): that rule keeps out what a page copies from the
 * fields into its address; the e-mail cut is a second line for what reached a path some other way (a link, another
 * site's redirect).
 */
function reportableUrl(url) {
  try {
    const x = new URL(url);
    const segments = x.pathname.split('/');
    const cut = segments.findIndex((s) => EMAIL.test(decodeSegment(s)));
    return x.origin + (cut < 0 ? x.pathname : segments.slice(0, cut).join('/') + '/');
  } catch {
    return '';
  }
}
const EMAIL = /[^\s@/]+@[^\s@/]+\.[a-z]{2,}/i;
function decodeSegment(s) {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

const drafts = new Map();
async function makeDraft(url, verdict) {
  const v = verdict || (await withUserLists(await checkUrl(url), originOf(url)));
  url = judgedUrl(url, v); // a redirector's destination, a proxied site: what is reported is where it really leads
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

export async function getDraft(id) {
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
export async function openReport(url, verdict, openerTab, mode) {
  // whatever asked (a frame's record, the warning page's address, the tab's, a held link's): the address its site
  // had in this tab before the person's first input there
  if (openerTab && typeof openerTab.id === 'number') url = addressBeforeInput(await getTab(openerTab.id), url);
  if (!isHttp(url)) throw new Error('nothing to report');
  const draft = await makeDraft(url, verdict);
  let page = `${REPORT_PAGE}?id=${encodeURIComponent(draft.id)}`;
  if (mode === 'wrong') page += '&mode=wrong';
  await openTabNextTo(page, openerTab);
  return draft;
}

const CHANNELS = new Set(['antiphishing_mail', 'safe_browsing', 'brand_site']);
export async function reportSent(id, channel) {
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
