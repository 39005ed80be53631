/*
 * The context menu "このリンクを確認": on any link, opens the check page for it in a small window.
 */
import { api, uiMsg } from './basics.js';
import { openTabNextTo } from './open.js';

// The context menu: "このリンクを確認" on any link opens the check page in a small window.
export const MENU_CHECK_LINK = 'omamori-check-link';
const CHECK_PAGE = api.runtime.getURL('check/check.html');
const menus = api.contextMenus || api.menus;
// Created at every start of the background (Chrome keeps items across service-worker restarts, Firefox's event
// page may not): remove, then create. removeAll returns a promise in both browsers (Firefox's browser.* takes no
// callbacks); create takes one in both (a duplicate after a quick restart is harmless).
export const menusReady = (async () => {
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

export async function onMenuClicked(info, tab) {
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
