/*
 * Hostile-page defences (content script part; see parts.txt): the guard's attributes, its place on <html>,
 * `inert` on <html>, hiding, covering modals, popovers and fullscreen are undone, and a `danger` page that
 * does any of it is reported to the background (guard-tampered), which sends the tab to warning.html.
 */

const hostObserver = new MutationObserver(() => {
  if (!guard.host || state.dead) return;
  if (!hostAttrsIntact()) {
    tampered('attributes');
    setHostAttrs(guard.level, guard.brand);
  }
});

// A page whose own MutationObserver removes the guard as soon as it is put back would keep both observers
// answering each other in microtasks forever, and the tab would hang: after a few put-backs in a short time,
// the next one waits for a timer, so the page's thread (and the report that sends the tab away) gets to run.
const putBacks = [];
let putBackTimer = 0;

function checkGuardInPlace() {
  if (!guard.host || !guard.level) return;
  const de = docEl();
  if (de && $parentNode.call(guard.host) !== de) {
    tampered('removed');
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
    if (guard.dialog) openModal(true); // removal took the dialog out of the top layer
    else if (guard.linkDialog) openLinkModal();
  }
  checkRootInert();
}

/** `inert` on <html> would make our dialog (a descendant) unusable: take it off, and count it as tampering. */
function checkRootInert() {
  if (guard.level !== 'danger') return;
  const de = docEl();
  if (!de || E_getAttribute.call(de, 'inert') == null) return;
  selfMutate(() => E_removeAttribute.call(de, 'inert'));
  tampered('inert');
  if (guard.dialog) openModal(true);
}

function tampered(what) {
  guard.tamperCount++;
  if (state.level === 'danger' && !state.trusted && !guard.reportedTamper && guard.tamperReports < 8) {
    guard.reportedTamper = true;
    guard.tamperReports++;
    // Sent once; sent again on the next tampering if the background did not take the tab away (it had not
    // yet recorded this document's danger, or it was restarting).
    send({ type: 'guard-tampered', what })
      .then((r) => {
        if (!(r && r.redirected)) guard.reportedTamper = false;
      })
      .catch(() => {
        guard.reportedTamper = false;
      });
  }
}

// Keep the dialog the top-most thing: a page may open its own modal dialog, popover or fullscreen on top.
function startWatch() {
  if (guard.watch) return;
  guard.watch = setInterval(() => {
    if (state.dead || guard.level !== 'danger' || !guard.dialog) return stopWatch();
    // Page elements in the top layer (our own dialog is in a shadow root: not matched from the document).
    let fresh = false;
    try {
      for (const el of D_qsa.call(document, ':modal, :popover-open')) {
        if (!guard.seenTop.has(el)) {
          guard.seenTop.add(el);
          fresh = true;
        }
      }
    } catch { /* ignore */ }
    let fs = null;
    try {
      fs = $fullscreenElement.call(document);
    } catch { /* ignore */ }
    if (fs) {
      try {
        D_exitFullscreen.call(document).catch(() => {});
      } catch { /* ignore */ }
    }
    if (!guard.host || !$isConnected.call(guard.host) || $parentNode.call(guard.host) !== docEl()) {
      tampered('removed');
      render();
      openModal(true);
    } else if (fresh || fs || !isModalOpen()) {
      openModal(true);
    }
    checkRootInert();
    // Hidden by the page (display/visibility/opacity/content-visibility on <html>): the warning page takes over.
    if (guard.dialog && E_checkVisibility && isModalOpen()) {
      let visible = true;
      try {
        visible = E_checkVisibility.call(guard.dialog, { opacityProperty: true, visibilityProperty: true });
      } catch { /* ignore */ }
      if (!visible) tampered('hidden');
    }
  }, 700);
}
function stopWatch() {
  if (guard.watch) clearInterval(guard.watch);
  guard.watch = 0;
}
