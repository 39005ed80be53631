/*
 * Test hooks: the service worker's global `omamori`, for browser automation only (tests/e2e, bench).
 */
import { api } from './basics.js';
import { engineReady, checkUrl, checkPage } from './engine.js';
import { brands } from './brands.js';
import { trusted, reports, listsReady, setTrusted, setReports } from './lists.js';
import { getTab } from './frames.js';
import { trustOrigin, untrustOrigin } from './trust.js';
import { classifyLink } from './links.js';
import { MENU_CHECK_LINK, menusReady, onMenuClicked } from './menu.js';
import { FROM_CONTENT } from './messages.js';
import { setSending, warningRecord } from './warnings.js';

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
  /** false: tabs are not sent to the warning page (as when the background cannot navigate); true: they are again. */
  sendToWarning: (on) => setSending(on),
  /** What a warning page's token stands for (a page's verdict, a held link), as the warning page gets it. */
  warningRecord: async (token) => JSON.parse(JSON.stringify(await warningRecord(token))),
  reset: async () => {
    await listsReady;
    setTrusted({});
    setReports([]);
    await api.storage.local.set({ trusted, reports });
  },
});
