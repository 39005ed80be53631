/*
 * The held link (content script part; see parts.txt): a modal card in the guard's shadow root (shared/ui.js
 * buildLinkCard) saying what the link shows and where it really goes, and its buttons: stay, the brand's
 * official site, report the link, open it anyway.
 */

function holdLink(hold, info) {
  guard.linkHold = { hold, info };
  render();
}

function showLinkHold() {
  const { hold } = guard.linkHold;
  const root = ensureHost('danger', hold.brand || '', 'link');
  if (!root) return;
  if (guard.notice) hideNotice();
  if (guard.linkDialog && guard.linkDialog.__hold !== hold) closeLinkDialog();
  if (!guard.linkDialog) {
    const dlg = UI.h(document, 'dialog', { class: 'om-dialog', role: 'alertdialog', 'aria-modal': 'true', 'data-kind': 'link' });
    dlg.__hold = hold;
    dlg.addEventListener('cancel', (e) => {
      e.preventDefault(); // Escape = stay
      if (e.isTrusted) endLinkHold(true);
    });
    dlg.addEventListener('close', () => {
      if (guard.closing || dlg.open || guard.linkDialog !== dlg) return;
      endLinkHold(true);
    });
    const built = UI.buildLinkCard(document, hold, { idPrefix: 'omamori-link-' });
    dlg.setAttribute('aria-labelledby', built.titleId);
    dlg.setAttribute('aria-describedby', built.descId);
    dlg.append(built.card);
    root.append(dlg);
    guard.linkDialog = dlg;
    guard.linkButtons = built;
  }
  openLinkModal();
}

/** The held link's buttons (trusted clicks only, routed by onShield). */
function linkAction(act) {
  const held = guard.linkHold;
  if (!held) return;
  const { hold, info } = held;
  if (act === 'link-stay') endLinkHold(true);
  else if (act === 'link-official') {
    send({ type: 'open-official', brand: hold.brand, which: 'top' }).catch(() => {});
    endLinkHold(false);
  } else if (act === 'link-report') {
    send({ type: 'open-report', url: hold.href }).catch(() => {});
    endLinkHold(false);
  } else if (act === 'link-open') {
    endLinkHold(false);
    followLink(info);
  }
}

function openLinkModal() {
  const dlg = guard.linkDialog;
  if (!dlg || !$isConnected.call(dlg)) return;
  if (!dlg.open) {
    try {
      dlg.showModal();
    } catch {
      try {
        dlg.show();
      } catch { /* ignore */ }
    }
    try {
      guard.linkButtons.stay.focus();
    } catch { /* ignore */ }
  }
}

function closeLinkDialog() {
  const dlg = guard.linkDialog;
  if (!dlg) return;
  guard.linkDialog = null;
  guard.linkButtons = null;
  closeOurDialog(dlg);
  try {
    dlg.remove();
  } catch { /* ignore */ }
}

function endLinkHold(restoreFocus) {
  const held = guard.linkHold;
  guard.linkHold = null;
  closeLinkDialog();
  render();
  if (restoreFocus && held && held.info && held.info.el && $isConnected.call(held.info.el)) {
    try {
      held.info.el.focus({ preventScroll: true });
    } catch { /* ignore */ }
  }
}
