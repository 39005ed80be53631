/*
 * A page-level `danger` (content script part; see parts.txt): nothing is drawn in the page. The background sends the
 * tab to the extension's warning page as soon as it answers a check with `danger` (background/warnings.js), where no
 * page can draw over, restyle, rewrite or click the warning. Until the tab has left, every field stays held
 * (input-guard.js isBlocked), and the page's own beforeunload listeners are not run: a "leave this site?" prompt the
 * page asks for must not keep the person here. If the tab is still here a while later (the background was
 * restarting, the navigation was lost), or the person tries to type, this asks the background again
 * (show-warning), a bounded number of times.
 */

const ASK_AGAIN_MS = [1500, 3000, 6000, 10000, 15000, 30000];
const leaving = { timer: 0, asks: 0, lastAsk: -1e9 };

const isDanger = () => !state.dead && !state.trusted && !state.failOpen && state.level === 'danger';

/** The verdict is danger (called by render): the tab is watched until it has left, and sent again if need be. */
function onDanger() {
  if (leaving.timer || leaving.asks >= ASK_AGAIN_MS.length) return;
  leaving.timer = setTimeout(() => {
    leaving.timer = 0;
    if (!isDanger()) return;
    leaving.asks++;
    askToLeave();
    onDanger();
  }, ASK_AGAIN_MS[leaving.asks]);
}

function askToLeave() {
  leaving.lastAsk = performance.now();
  send({ type: 'show-warning' }).catch((e) => {
    if (isContextGone(e)) shutdown();
  });
}

/** The person tried to type on a danger page that is still here (input-guard.js): ask again, at most once a second. */
function nudgeDanger() {
  if (!isDanger() || performance.now() - leaving.lastAsk < 1000 || leaving.asks >= 20) return;
  leaving.asks++;
  askToLeave();
}

// Registered at document_start, before any page script: on a danger page the page's own beforeunload listeners
// (and its onbeforeunload) never run, so the way to the warning page cannot be held up by a prompt.
ET_add.call(window, 'beforeunload', (ev) => {
  if (isDanger()) ev.stopImmediatePropagation();
}, true);

// Back from the back/forward cache: the check that follows (start.js) sends the tab again; so may the watch.
ET_add.call(window, 'pageshow', (ev) => {
  if (ev.persisted) leaving.asks = 0;
}, true);
