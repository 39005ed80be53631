/*
 * The danger warning in the page (content script part; see parts.txt): a modal <dialog role="alertdialog"> in
 * the guard's shadow root with the warning card (shared/ui.js buildWarningCard), kept open and on top, and its
 * actions — leave, report, "this warning is wrong", continue anyway — which ask the background.
 */

function verdictKey(v) {
  return JSON.stringify([v.brand, v.host, v.registrable_domain, (v.reasons || []).map((r) => r && r.code),
    (v.fields || []).map((f) => f && f.kind), v.go_instead && v.go_instead.top]);
}

function showDanger(v) {
  const root = ensureHost('danger', v.brand || '');
  if (!root) return;
  if (!guard.dialog) {
    clearShadow();
    const dlg = UI.h(document, 'dialog', { class: 'om-dialog', role: 'alertdialog', 'aria-modal': 'true' });
    dlg.addEventListener('cancel', (e) => {
      // Escape = leave.
      e.preventDefault();
      if (e.isTrusted) doLeave();
    });
    dlg.addEventListener('close', () => {
      // 'close' is fired asynchronously: a close-and-reopen of ours (openModal) finds the dialog open again.
      if (guard.closing || dlg.open || guard.dialog !== dlg || guard.level !== 'danger') return;
      // Closed by the browser (repeated Escape): that is a request to leave; keep the warning up meanwhile.
      doLeave();
      openModal(true);
    });
    guard.dialog = dlg;
    root.append(dlg);
  }
  const key = verdictKey(v);
  if (key !== guard.cardKey) {
    let focusAct = 'leave';
    try {
      const a = guard.root.activeElement;
      if (a && a.getAttribute('data-act')) focusAct = a.getAttribute('data-act');
    } catch { /* ignore */ }
    const built = UI.buildWarningCard(document, v, { idPrefix: 'omamori-', headingTag: 'h2' });
    if (guard.card) guard.card.replaceWith(built.card);
    else guard.dialog.append(built.card);
    guard.card = built.card;
    guard.cardKey = key;
    guard.dialog.setAttribute('aria-labelledby', built.titleId);
    guard.dialog.setAttribute('aria-describedby', built.descId);
    guard.buttons = built;
    if (guard.dialog.open) focusAction(focusAct);
  }
  openModal(false);
  startWatch();
}

function focusAction(act) {
  const b = guard.buttons && ({ leave: guard.buttons.leave, report: guard.buttons.report, continue: guard.buttons.proceed })[act];
  try {
    (b || guard.buttons.leave).focus({ preventScroll: false });
  } catch { /* ignore */ }
}

function isModalOpen() {
  try {
    return guard.dialog.open && guard.dialog.matches(':modal');
  } catch {
    return guard.dialog.open;
  }
}

function openModal(force) {
  const dlg = guard.dialog;
  if (!dlg || !$isConnected.call(dlg)) return;
  if (!force && isModalOpen()) return;
  closeOurDialog(dlg);
  try {
    dlg.showModal();
  } catch {
    try {
      dlg.show();
    } catch { /* ignore */ }
  }
  focusAction('leave');
}

function nudgeDanger() {
  if (guard.level !== 'danger' || !guard.host || !$isConnected.call(guard.host)) render();
  if (guard.dialog && !isModalOpen()) openModal(true);
}

async function doLeave() {
  if (guard.busy) return;
  guard.busy = true;
  const canGoBack = isTop && history.length > 1;
  try {
    const r = await send({ type: 'leave', can_go_back: canGoBack });
    if (r && r.ok) return;
  } catch (e) {
    if (isContextGone(e)) shutdown();
  } finally {
    setTimeout(() => { guard.busy = false; }, 800);
  }
  // The background could not do it: do it from here.
  const top = UI.httpUrl(state.verdict && state.verdict.go_instead && state.verdict.go_instead.top);
  try {
    if (top) {
      window.top.location.href = top;
      return;
    }
    if (canGoBack) {
      history.back();
      return;
    }
    window.top.location.href = 'about:blank';
  } catch {
    location.href = 'about:blank';
  }
}

async function doReport(mode) {
  guard.busy = true;
  try {
    await send(mode === 'wrong' ? { type: 'open-report', mode } : { type: 'open-report' });
  } catch (e) {
    if (isContextGone(e)) shutdown();
  } finally {
    guard.busy = false;
  }
}

// "This warning is wrong": the report page in its 'wrong' mode (text for the project + trust the site).
const doWrong = () => doReport('wrong');

async function doContinue() {
  guard.busy = true;
  try {
    await send({ type: 'trust-origin', url: effectiveUrl() });
  } catch (e) {
    if (isContextGone(e)) shutdown();
    // Even if it could not be remembered, the person chose to go on: stop warning in this document.
  } finally {
    guard.busy = false;
  }
  state.trusted = true;
  render();
}
