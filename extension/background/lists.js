/*
 * The person's lists in storage.local: the trusted origins and the report log (read once at start, kept in step
 * with storage changes), the reported site's `caution` (withUserLists), and what follows a change to either
 * list for an origin (afterListChange: the stored frames and the badge updated, and the one message the
 * background sends to content scripts, `recheck`).
 */
import { api, RANK } from './basics.js';
import { shellReason } from './reasons.js';
import { tabs, persistTab } from './frames.js';
import { updateBadge } from './badge.js';

// storage.local: { trusted: {origin: {added, host, brand, level}}, reports: [Report] }
export let trusted = {};
export let reports = [];
export const listsReady = (async () => {
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

export const isTrusted = (origin) => !!origin && Object.prototype.hasOwnProperty.call(trusted, origin);
export const isReported = (origin) => !!origin && reports.some((r) => r.origin === origin);

export async function saveTrusted() {
  await api.storage.local.set({ trusted });
}
export async function saveReports() {
  await api.storage.local.set({ reports });
}

/** Replaces the trusted origins in memory (the caller saves them): a module importing `trusted` cannot assign it. */
export function setTrusted(map) {
  trusted = map;
}
/** Replaces the report log in memory (the caller saves it). */
export function setReports(list) {
  reports = list;
}

/** A site the user reported is at least `caution` from then on, with the reason `user-reported`. */
export async function withUserLists(v, origin) {
  if (!isReported(origin)) return v;
  if (!v.reasons.some((r) => r.code === 'user-reported')) {
    v.reasons.push(await shellReason('user-reported', 'caution', 'reason_user_reported'));
  }
  if (RANK[v.level] < RANK.caution) v.level = 'caution';
  v.user_reported = true;
  return v;
}

/** Trust or report lists changed for an origin: update stored frames and ask its frames to check again. */
export async function afterListChange(origin) {
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
