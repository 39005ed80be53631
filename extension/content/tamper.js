/*
 * Hostile-page defences for the caution notice (content script part; see parts.txt): the guard's attributes and
 * its place on <html> are put back. The notice is harmless if a page hides it, and a `danger` is never drawn in
 * the page (danger.js), so nothing here is reported or fought over.
 */

const hostObserver = new MutationObserver(() => {
  if (!guard.host || state.dead) return;
  if (!hostAttrsIntact()) setHostAttrs(guard.level, guard.brand);
});

// A page whose own MutationObserver removes the guard as soon as it is put back would keep both observers
// answering each other in microtasks forever, and the tab would hang: after a few put-backs in a short time,
// the next one waits for a timer, so the page's thread gets to run.
const putBacks = [];
let putBackTimer = 0;

function checkGuardInPlace() {
  if (!guard.host || !guard.level) return;
  const de = docEl();
  if (de && $parentNode.call(guard.host) !== de) {
    const now = performance.now();
    while (putBacks.length && now - putBacks[0] > 50) putBacks.shift();
    if (putBacks.length >= 4) {
      if (!putBackTimer) {
        putBackTimer = setTimeout(() => {
          putBackTimer = 0;
          if (!state.dead) checkGuardInPlace();
        }, 16);
      }
      return;
    }
    putBacks.push(now);
    selfMutate(() => N_appendChild.call(de, guard.host));
  }
}
