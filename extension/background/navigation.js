/*
 * Navigation blocking: before a top-level navigation commits (and again at commit, for server-side
 * redirects), a clear URL-level impersonation sends the tab to the extension's own warning.html; a new document
 * makes the tab forget its previous frames; a closed tab is forgotten.
 */
import { api, isHttp, originOf } from './basics.js';
import { mark, checkUrl } from './engine.js';
import { listsReady, isTrusted } from './lists.js';
import { getTab, persistTab, forgetTab } from './frames.js';
import { updateBadge } from './badge.js';

export const WARNING_PAGE = api.runtime.getURL('warning/warning.html');

export function warningUrl(url, brand, extra) {
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
