/*
 * The held link (content script part; see parts.txt): a deceptive link the person clicked, or a form they sent to
 * such an address, is not followed here. The background judges it again and sends the tab — or a new tab next to
 * it, for a link that opens one and for a form — to the extension's warning page for the link's destination, where
 * the person chooses (background/warnings.js). A held form stays on this page as it was filled in: "send anyway"
 * on the warning page has it sent once (follow-link, messaging.js).
 */

const heldForms = new Map(); // token -> a held submit's info, until it is sent (at most 20)

/** Whether following the link would open a new tab or window (modifier keys, middle button, a target). */
function opensNewTab(info) {
  const m = info.mods || {};
  if (m.button === 1 || m.ctrl || m.meta || m.shift) return true;
  if (info.kind === 'script') return /window\.open\s*\(/.test(attr(info.el, 'onclick'));
  let target = attr(info.el, 'target');
  if (!target) {
    try {
      const base = D_qs.call(document, 'base[target]');
      if (base) target = attr(base, 'target');
    } catch { /* ignore */ }
  }
  target = target.trim().toLowerCase();
  return target !== '' && target !== '_self' && target !== '_top' && target !== '_parent';
}

/** A link (or a submit) the background holds: it goes to the warning page; one that is fine after all is followed. */
function holdLink(hold, info) {
  const submit = info.kind === 'submit';
  send({ type: 'hold-link', href: info.href, shown: info.shown, new_tab: !submit && opensNewTab(info), submit }, 8000)
    .then((r) => {
      if (r && r.ok && r.held === false) followLink(info);
      else if (r && r.ok && submit && typeof r.token === 'string') {
        heldForms.set(r.token, info);
        if (heldForms.size > 20) heldForms.delete(heldForms.keys().next().value);
      }
    })
    .catch((e) => {
      // No answer: a link known to deceive is not followed (nothing happens, as for a held one).
      if (isContextGone(e)) shutdown();
    });
}

/** "Send anyway" on the warning page for a held form: sends it once. Returns whether it was still here to send. */
function followHeldForm(token) {
  const info = heldForms.get(token);
  if (!info) return false;
  heldForms.delete(token);
  if (!info.form || !$isConnected.call(info.form)) return false;
  followLink(info);
  return true;
}
