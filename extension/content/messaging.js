/*
 * Messaging with the background (content script part; see parts.txt; the protocol: extension/PROTOCOL.md).
 *
 * Sent (runtime.sendMessage through send; answered by FROM_CONTENT in background/messages.js):
 *   check            checks.js         the URL alone or the page facts → the verdict (a danger sends the tab to
 *                                      the warning page; no answer: sent again later, checks.js retryLater)
 *   check-links      links.js          links shown / their hrefs → null or a hold for each
 *   show-warning     danger.js         still on a danger page: send the tab to the warning page again
 *   hold-link        link-hold.js      a deceptive link clicked (or a form sent to one): to the warning page
 *   first-input      first-input.js    the person's first input into this document, and its address then
 * Received (runtime.onMessage, from this extension only):
 *   recheck          background/lists.js (afterListChange): the trust or report lists changed for an origin: check
 *                    again, dropping the sticky level
 *   check-page       background/tab-claim.js: this page's claim is needed now (a frame in it waits), or the claim of
 *                    the frames this one is in changed: a page check now, even of the same facts; sticky level kept
 *   follow-link      "send anyway" on the warning page for a held form: send it once; answers {ok}
 *                    (sent by background/warnings.js followHeldForm)
 * When the extension goes away (reloaded, removed), shutdown() takes the guard down: this script is an orphan.
 */

const RESPONSE_TIMEOUT_MS = 4000;

function isContextGone(e) {
  const m = String((e && e.message) || e || '');
  return /context invalidated|Extension context|disconnected port|no such extension/i.test(m) || !api.runtime || !api.runtime.id;
}

function send(message, timeout = RESPONSE_TIMEOUT_MS) {
  return new Promise((resolve, reject) => {
    let done = false;
    const finish = (fn, v) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      fn(v);
    };
    const timer = setTimeout(() => finish(reject, new Error('timeout')), timeout);
    try {
      Promise.resolve(api.runtime.sendMessage(message)).then((r) => finish(resolve, r), (e) => finish(reject, e));
    } catch (e) {
      finish(reject, e);
    }
  });
}

function shutdown() {
  if (state.dead) return;
  state.dead = true;
  try {
    removeGuard();
  } catch { /* ignore */ }
  try {
    mutationObserver.disconnect();
  } catch { /* ignore */ }
}

try {
  api.runtime.onMessage.addListener((m, sender, sendResponse) => {
    if (!sender || sender.id !== api.runtime.id || !m || typeof m !== 'object') return;
    if (m.type === 'follow-link') {
      sendResponse({ ok: followHeldForm(String(m.token)) });
      return;
    }
    if (m.type === 'recheck') {
      if (m.origin && m.origin !== originOf(effectiveUrl())) return;
      state.resetSticky = true;
      state.lastFp = '';
      if (timer) {
        clearTimeout(timer);
        timer = 0;
      }
      // Before the first page check only the URL (that check is still to come, with trust now known).
      runCheck(state.textReady ? 'full' : 'url');
    } else if (m.type === 'check-page') {
      state.lastFp = '';
      flushCheck();
    }
  });
} catch { /* ignore */ }
