// The toolbar popup: the tab's verdict in plain words, and what the person can do about it.
const UI = globalThis.OmamoriUI;
const api = UI.api;
const { msg, h } = UI;
const el = (...a) => h(document, ...a);

document.documentElement.lang = UI.LANG;
document.title = msg('extName');
document.getElementById('open-options').textContent = msg('popup_open_options');
document.getElementById('open-options').addEventListener('click', () => {
  api.runtime.openOptionsPage();
  window.close();
});

const main = document.getElementById('main');

async function ask(message) {
  try {
    const r = await api.runtime.sendMessage(message);
    return r && r.ok ? r : null;
  } catch {
    return null;
  }
}

// popup.html?tab=<id> shows the state of that tab (used when the popup is opened as a page, e.g. by tests).
let tab = null;
try {
  const forced = Number(new URLSearchParams(location.search).get('tab'));
  if (Number.isInteger(forced) && forced >= 0) tab = await api.tabs.get(forced);
  else [tab] = await api.tabs.query({ active: true, currentWindow: true });
} catch { /* ignore */ }

async function load() {
  main.setAttribute('aria-busy', 'true');
  const st = tab ? await ask({ type: 'tab-state', tab_id: tab.id }) : null;
  render(st);
  main.setAttribute('aria-busy', 'false');
}

function titleFor(st) {
  const v = st.verdict;
  const brand = UI.brandName(v);
  if (st.warning_page) return brand ? msg('popup_title_blocked_brand', brand) : msg('popup_title_blocked');
  switch (v.level) {
    case 'safe': return brand ? msg('popup_title_safe', brand) : msg('popup_title_safe_nobrand');
    case 'danger': return brand ? msg('danger_title_brand', brand) : msg('danger_title');
    case 'caution': return msg('popup_title_caution');
    default: return msg('popup_title_none');
  }
}

function subFor(st) {
  const v = st.verdict;
  if (st.trusted) return msg('popup_trusted_note');
  switch (v.level) {
    case 'safe': return msg('popup_sub_safe');
    case 'danger': return msg('popup_sub_danger');
    case 'caution': return msg('popup_sub_caution');
    default: return msg('popup_sub_none');
  }
}

function render(st) {
  main.replaceChildren();
  if (!st) {
    main.append(el('div', { class: 'status' }, el('h1', null, msg('popup_error_title')), el('p', null, msg('popup_error_sub'))));
    return;
  }
  if (!st.checkable || !st.verdict) {
    main.append(el('div', { class: 'status' }, el('h1', null, msg('popup_title_unchecked')), el('p', null, msg('popup_sub_unchecked'))));
    return;
  }
  const v = st.verdict;
  const level = st.warning_page ? 'danger' : v.level;
  const status = el('section', { class: 'status ' + level, 'aria-labelledby': 'st-title' },
    el('h1', { id: 'st-title' }, titleFor(st)),
    el('p', null, subFor(st)));
  if (v.host) {
    status.append(el('p', null, msg('popup_address') + ' ', UI.hostLine(document, v.host, v.registrable_domain)));
    if (v.registrable_domain && (level === 'danger' || level === 'caution')) {
      status.append(el('p', { class: 'note' }, msg('address_note', v.registrable_domain)));
    }
  }
  if (st.frame_id && st.frame_id !== 0) status.append(el('p', { class: 'note' }, msg('popup_in_frame')));
  if (st.pending) status.append(el('p', { class: 'note' }, msg('popup_pending')));
  main.append(status);

  const reasons = UI.uniqueReasons(v);
  if (reasons.length) {
    main.append(el('h2', null, level === 'danger' || level === 'caution' ? msg('reasons_heading') : msg('popup_checked_heading')));
    main.append(el('ul', null, reasons.map((r) => el('li', null, r.text))));
  }
  const kinds = UI.fieldKinds(v);
  if (kinds.length && (level === 'danger' || level === 'caution')) {
    main.append(el('h2', null, msg('asks_heading')), el('p', null, UI.joinList(kinds.map(UI.kindName))));
  }
  if (st.reported) main.append(el('p', { class: 'note' }, msg('popup_reported_note')));

  const actions = el('div', { class: 'actions' });
  const top = UI.httpUrl(v.go_instead && v.go_instead.top);
  if (top && level === 'danger') {
    const brand = UI.brandName(v);
    const b = el('button', { type: 'button', class: 'primary' }, brand ? msg('popup_go_official_brand', brand) : msg('popup_go_official'));
    b.addEventListener('click', async () => {
      await api.tabs.update(tab.id, { url: top });
      window.close();
    });
    actions.append(b);
  }
  if (level !== 'safe' || st.trusted) {
    const rep = el('button', { type: 'button' }, msg('action_report'));
    rep.addEventListener('click', async () => {
      rep.disabled = true;
      await ask(st.warning_page ? { type: 'open-report', url: st.url } : { type: 'open-report', tab_id: tab.id });
      window.close();
    });
    actions.append(rep);
  }
  if (st.origin) {
    if (st.trusted) {
      const b = el('button', { type: 'button' }, msg('popup_untrust'));
      b.addEventListener('click', async () => {
        b.disabled = true;
        await ask({ type: 'untrust-origin', origin: st.origin });
        // Without host access (Chrome "on click" site access, or a revoked permission in Firefox) the content script
// cannot run, so nothing is checked or blocked: say so, and offer to grant it.
async function accessNotice() {
  let granted = true;
  try {
    granted = await api.permissions.contains({ origins: ['<all_urls>'] });
  } catch { /* ignore */ }
  if (granted) return;
  const b = el('button', { type: 'button', class: 'primary' }, msg('popup_access_button'));
  b.addEventListener('click', async () => {
    try {
      if (await api.permissions.request({ origins: ['<all_urls>'] })) box.remove();
    } catch { /* ignore */ }
  });
  const box = el('section', { class: 'status caution access', role: 'alert' },
    el('h1', null, msg('popup_access_title')), el('p', null, msg('popup_access_sub')), el('div', { class: 'actions' }, b));
  document.body.insertBefore(box, main);
}

await accessNotice();
await load();
      });
      actions.append(b);
    } else if (level === 'danger' || level === 'caution') {
      const b = el('button', { type: 'button' }, msg('popup_trust'));
      b.addEventListener('click', async () => {
        b.disabled = true;
        await ask({ type: 'trust-origin', origin: st.origin, url: st.url });
        if (st.warning_page) await api.tabs.update(tab.id, { url: st.url });
        // Without host access (Chrome "on click" site access, or a revoked permission in Firefox) the content script
// cannot run, so nothing is checked or blocked: say so, and offer to grant it.
async function accessNotice() {
  let granted = true;
  try {
    granted = await api.permissions.contains({ origins: ['<all_urls>'] });
  } catch { /* ignore */ }
  if (granted) return;
  const b = el('button', { type: 'button', class: 'primary' }, msg('popup_access_button'));
  b.addEventListener('click', async () => {
    try {
      if (await api.permissions.request({ origins: ['<all_urls>'] })) box.remove();
    } catch { /* ignore */ }
  });
  const box = el('section', { class: 'status caution access', role: 'alert' },
    el('h1', null, msg('popup_access_title')), el('p', null, msg('popup_access_sub')), el('div', { class: 'actions' }, b));
  document.body.insertBefore(box, main);
}

await accessNotice();
await load();
      });
      actions.append(b);
      actions.append(el('p', { class: 'note' }, msg('popup_trust_note')));
    }
  }
  if (actions.childNodes.length) main.append(actions);
}

// Without host access (Chrome "on click" site access, or a revoked permission in Firefox) the content script
// cannot run, so nothing is checked or blocked: say so, and offer to grant it.
async function accessNotice() {
  let granted = true;
  try {
    granted = await api.permissions.contains({ origins: ['<all_urls>'] });
  } catch { /* ignore */ }
  if (granted) return;
  const b = el('button', { type: 'button', class: 'primary' }, msg('popup_access_button'));
  b.addEventListener('click', async () => {
    try {
      if (await api.permissions.request({ origins: ['<all_urls>'] })) box.remove();
    } catch { /* ignore */ }
  });
  const box = el('section', { class: 'status caution access', role: 'alert' },
    el('h1', null, msg('popup_access_title')), el('p', null, msg('popup_access_sub')), el('div', { class: 'actions' }, b));
  document.body.insertBefore(box, main);
}

await accessNotice();
await load();
