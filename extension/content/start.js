/*
 * Start (content script part; see parts.txt): the last part, when every declaration above exists. Observes the
 * document, listens for SPA and back/forward-cache navigations, sends the URL at once and schedules the first
 * page check (checks.js onParsed).
 */

startObserving();
ET_add.call(window, 'popstate', () => checkUrlChange(), true);
ET_add.call(window, 'hashchange', () => checkUrlChange(), true);
ET_add.call(window, 'pageshow', (e) => {
  if (e.persisted) {
    // Back from the back/forward cache: the background forgot this document.
    state.lastFp = '';
    runCheck('full');
  }
}, true);

const rs = $readyState.call(document);
if (rs === 'loading') {
  runCheck('url'); // the URL alone, now: the URL verdict comes back before the page is parsed
  ET_add.call(document, 'DOMContentLoaded', onParsed, { once: true });
} else if (rs === 'complete') {
  runCheck('full');
} else {
  onParsed();
}
if (Number.isFinite(UI.startedAt)) state.startCost = Math.round((performance.now() - UI.startedAt) * 100) / 100;
