/*
 * The caution notice (content script part; see parts.txt): a quiet note next to the focused sensitive field,
 * in the guard's shadow root, that never blocks typing; it follows the field on scroll and resize and hides
 * when the focus leaves text entry.
 */

function showCaution(v) {
  const root = ensureHost('caution', v.brand || '');
  if (!root) return;
  if (!guard.notice) {
    const wrap = UI.h(document, 'div', { class: 'om-notice-wrap', hidden: true, role: 'status', 'aria-live': 'polite' });
    // (A click on the notice keeps the focus in the field: see onShield.)
    guard.notice = wrap;
    root.append(wrap);
  }
  let a = null;
  try {
    a = $activeElement.call(document);
  } catch { /* ignore */ }
  const t = a ? deepTarget({ target: a }, null) : null;
  if (t && isTextEntry(t)) onAllowedFocus(t);
}

function onAllowedFocus(el) {
  if (state.trusted || state.level !== 'caution' || state.noticeDismissed || !guard.notice) return;
  const v = state.verdict || {};
  const kind = state.kinds.get(el);
  const anyField = !Array.isArray(v.fields) || v.fields.length === 0;
  if (!kind && !anyField) return;
  fillNotice(v, kind);
  guard.noticeFor = el;
  guard.notice.hidden = false;
  positionNotice();
}

function fillNotice(v, kind) {
  const wrap = guard.notice;
  const h = (...a) => UI.h(document, ...a);
  const close = h('button', { type: 'button', class: 'om-notice-close', 'data-act': 'notice-close' }, UI.msg('caution_close'));
  const reasons = UI.uniqueReasons(v).slice(0, 3);
  const body = h('div', { class: 'om-notice', lang: UI.LANG },
    h('div', { class: 'om-notice-head' },
      h('p', { class: 'om-notice-title' }, UI.msg('caution_title')), close),
    h('p', null, kind ? UI.msg('caution_field', UI.kindName(kind)) : UI.msg('caution_generic')),
    v.host ? h('p', null, UI.msg('caution_address') + ' ', UI.hostLine(document, v.host, v.registrable_domain)) : null,
    reasons.length ? h('ul', null, reasons.map((r) => h('li', null, r.text))) : null);
  wrap.replaceChildren(body);
}

function hideNotice() {
  if (guard.notice) guard.notice.hidden = true;
  guard.noticeFor = null;
}

function positionNotice() {
  const el = guard.noticeFor;
  const wrap = guard.notice;
  if (!el || !wrap || wrap.hidden) return;
  let r;
  try {
    r = E_getBoundingClientRect.call(el);
  } catch {
    return;
  }
  const vw = window.innerWidth;
  const vh = window.innerHeight;
  const w = Math.min(wrap.offsetWidth || 420, vw - 16);
  const hgt = wrap.offsetHeight || 120;
  let top;
  let left;
  if (r.right + 12 + w <= vw - 8) {
    // Beside the field: the rest of the form stays visible.
    left = r.right + 12;
    top = Math.max(8, Math.min(r.top, vh - hgt - 8));
  } else {
    left = Math.max(8, Math.min(r.left, vw - w - 8));
    top = r.bottom + 8;
    if (top + hgt > vh - 8 && r.top - hgt - 8 > 8) top = r.top - hgt - 8;
    top = Math.max(8, Math.min(top, vh - hgt - 8));
  }
  wrap.style.top = top + 'px';
  wrap.style.left = left + 'px';
}

function onFocusOut(ev) {
  if (!ev.isTrusted || !guard.notice) return;
  setTimeout(() => {
    let a = null;
    try {
      a = $activeElement.call(document);
    } catch { /* ignore */ }
    if (!a || !isTextEntry(deepTarget({ target: a }, null))) hideNotice();
  }, 0);
}

ET_add.call(window, 'scroll', () => positionNotice(), { capture: true, passive: true });
ET_add.call(window, 'resize', () => positionNotice(), { passive: true });
