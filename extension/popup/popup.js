// The toolbar popup: the tab's verdict in plain words (through which platform the page comes and whose it is) and
// what the person can do about it; "check a link" pasted from an SMS or a mail (judged by its address, never opened;
// a redirector's destination is what is judged); the directory of official sites.
const UI = globalThis.OmamoriUI;
const C = globalThis.OmamoriCheck;
const api = UI.api;
const { msg, h } = UI;
const el = (...a) => h(document, ...a);

document.documentElement.lang = UI.LANG;
document.title = msg('extName');
for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = msg(node.dataset.i18n);
for (const node of document.querySelectorAll('[data-i18n-placeholder]')) node.placeholder = msg(node.dataset.i18nPlaceholder);
document.getElementById('open-options').addEventListener('click', () => {
  api.runtime.openOptionsPage();
  window.close();
});

const main = document.getElementById('main');

const { ask } = UI;

/** Opens a URL in a new tab and closes the popup. */
async function openTab(url) {
  try {
    await api.tabs.create({ url });
  } finally {
    window.close();
  }
}

// popup.html?tab=<id> shows the state of that tab (used when the popup is opened as a page, e.g. by tests).
let tab = null;
try {
  const forced = Number(new URLSearchParams(location.search).get('tab'));
  if (new URLSearchParams(location.search).has('tab') && Number.isInteger(forced) && forced >= 0) tab = await api.tabs.get(forced);
  else [tab] = await api.tabs.query({ active: true, currentWindow: true });
} catch { /* ignore */ }

// ------------------------------------------------------------------ the tab's verdict
async function load() {
  main.setAttribute('aria-busy', 'true');
  const st = tab ? await ask({ type: 'tab-state', tab_id: tab.id }) : null;
  render(st);
  main.setAttribute('aria-busy', 'false');
}

/** Someone's page on a platform (a Google Form…) that no warning speaks for: its title says what it is. */
function spaceOf(st) {
  const v = st.verdict;
  return !st.warning_page && v.user_content && v.platform && v.level !== 'danger' && v.level !== 'caution' ? v.platform : null;
}

function titleFor(st) {
  const v = st.verdict;
  const brand = UI.brandName(v);
  if (st.warning_page) return brand ? msg('popup_title_blocked_brand', brand) : msg('popup_title_blocked');
  const space = spaceOf(st);
  if (space) return msg('popup_title_user_content', UI.pick(space.service));
  if (UI.isOfficial(v)) return brand ? msg('popup_title_safe', brand) : msg('popup_title_safe_nobrand');
  switch (v.level) {
    case 'danger': return brand ? msg('danger_title_brand', brand) : msg('danger_title');
    case 'caution': return msg('popup_title_caution');
    default: return msg('popup_title_none');
  }
}

function subFor(st) {
  const v = st.verdict;
  if (st.trusted) return msg('popup_trusted_note');
  const space = spaceOf(st);
  if (space) return msg('popup_sub_user_content', UI.pick(space.name));
  if (UI.isOfficial(v)) return msg('popup_sub_safe');
  switch (v.level) {
    case 'danger': return msg('popup_sub_danger');
    case 'caution': return msg('popup_sub_caution');
    default: return msg('popup_sub_none');
  }
}

function render(st) {
  main.replaceChildren();
  if (!st) {
    main.append(el('section', { class: 'status', 'data-level': 'error' }, el('h1', null, msg('popup_error_title')), el('p', null, msg('popup_error_sub'))));
    return;
  }
  if (!st.checkable || !st.verdict) {
    main.append(el('section', { class: 'status', 'data-level': 'unchecked' }, el('h1', null, msg('popup_title_unchecked')), el('p', null, msg('popup_sub_unchecked'))));
    return;
  }
  const v = st.verdict;
  const level = st.warning_page ? 'danger' : v.level;
  const status = el('section', {
    class: 'status ' + level, 'aria-labelledby': 'st-title', 'data-level': level, 'data-brand': v.brand || '',
    'data-trusted': st.trusted ? 'true' : 'false',
  },
  el('h1', { id: 'st-title' }, titleFor(st)),
  el('p', null, subFor(st)),
  // through which platform the address goes, where it really leads, whose page it is (said once: not twice)
  UI.routeFacts(document, v, { userContent: !spaceOf(st) }));
  if (v.host) {
    status.append(el('p', null, msg('popup_address') + ' ', UI.hostLine(document, v.host, v.registrable_domain)));
    if (v.registrable_domain && (level === 'danger' || level === 'caution') && !v.user_content) {
      status.append(el('p', { class: 'note' }, msg('address_note', v.registrable_domain)));
    }
  }
  if (st.frame_id && st.frame_id !== 0) status.append(el('p', { class: 'note' }, msg('popup_in_frame')));
  if (st.pending) status.append(el('p', { class: 'note' }, msg('popup_pending')));
  main.append(status);

  const reasons = UI.uniqueReasons(v, { besideRoute: true });
  if (reasons.length) {
    main.append(el('h2', null, level === 'danger' || level === 'caution' ? msg('reasons_heading') : msg('popup_checked_heading')));
    main.append(el('ul', { class: 'reasons' }, reasons.map((r) => el('li', null, r.text))));
  }
  const kinds = UI.fieldKinds(v);
  if (kinds.length && (level === 'danger' || level === 'caution')) {
    main.append(el('h2', null, msg('asks_heading')), el('p', null, UI.joinList(kinds.map(UI.kindName))));
  }
  if (st.reported) main.append(el('p', { class: 'note' }, msg('popup_reported_note')));

  const actions = el('div', { class: 'actions' });
  const button = (act, label, cls) => el('button', { type: 'button', 'data-act': act, class: cls || null }, label);
  const top = UI.httpUrl(v.go_instead && v.go_instead.top);
  if (top && level === 'danger') {
    const brand = UI.brandName(v);
    const b = button('official', brand ? msg('popup_go_official_brand', brand) : msg('popup_go_official'), 'primary');
    b.addEventListener('click', async () => {
      await api.tabs.update(tab.id, { url: top });
      window.close();
    });
    actions.append(b);
  }
  if (level !== 'safe' || st.trusted) {
    const rep = button('report', msg('action_report'));
    rep.addEventListener('click', async () => {
      rep.disabled = true;
      await ask({ type: 'open-report', tab_id: tab.id });
      window.close();
    });
    actions.append(rep);
  }
  if (st.origin) {
    if (st.trusted) {
      const b = button('untrust', msg('popup_untrust'));
      b.addEventListener('click', async () => {
        b.disabled = true;
        await ask({ type: 'untrust-origin', origin: st.origin });
        await load();
      });
      actions.append(b);
    } else if (level === 'danger' || level === 'caution') {
      const b = button('trust', msg('popup_trust'));
      b.addEventListener('click', async () => {
        b.disabled = true;
        await ask({ type: 'trust-origin', origin: st.origin, url: st.url });
        if (st.warning_page) await api.tabs.update(tab.id, { url: st.return_to || st.url });
        await load();
      });
      actions.append(b);
      actions.append(el('p', { class: 'note' }, msg('popup_trust_note')));
      const wrong = button('wrong', msg('action_wrong'), 'link');
      wrong.addEventListener('click', async () => {
        wrong.disabled = true;
        await ask({ type: 'open-report', tab_id: tab.id, mode: 'wrong' });
        window.close();
      });
      actions.append(wrong);
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
  document.getElementById('access').append(box);
}

// ------------------------------------------------------------------ check a link
const checkForm = document.getElementById('check-form');
const checkInput = document.getElementById('check-input');
const checkResult = document.getElementById('check-result');
checkForm.addEventListener('submit', async (e) => {
  e.preventDefault();
  const text = checkInput.value.trim();
  if (!text) {
    checkResult.replaceChildren();
    return;
  }
  const url = C.extractUrl(text);
  checkResult.setAttribute('aria-busy', 'true');
  const res = url ? await ask({ type: 'check-link', url }) : { invalid: true };
  const box = C.renderResult(document, res || { invalid: true });
  if (url && res && !res.invalid) box.prepend(el('p', { class: 'om-result-url', dir: 'ltr' }, url));
  for (const a of box.querySelectorAll('a[data-open]')) {
    a.addEventListener('click', (ev) => {
      ev.preventDefault();
      openTab(a.href);
    });
  }
  checkResult.replaceChildren(box);
  checkResult.setAttribute('aria-busy', 'false');
});

// ------------------------------------------------------------------ directory of official sites
const dirSearch = document.getElementById('dir-search');
const dirResults = document.getElementById('dir-results');
const dirCount = document.getElementById('dir-count');
let index = null;
let favorites = [];

async function loadFavorites() {
  try {
    const got = await api.storage.local.get('favorites');
    favorites = Array.isArray(got.favorites) ? got.favorites.filter((x) => typeof x === 'string').slice(0, 50) : [];
  } catch {
    favorites = [];
  }
}

async function toggleFavorite(id) {
  favorites = favorites.includes(id) ? favorites.filter((x) => x !== id) : [id, ...favorites].slice(0, 50);
  await api.storage.local.set({ favorites });
  renderDir();
}

function brandItem(b) {
  const { main: name, other } = C.brandLabel(b);
  const fav = favorites.includes(b.id);
  const star = el('button', {
    type: 'button', class: 'star', 'data-fav': b.id, 'aria-pressed': fav ? 'true' : 'false',
    'aria-label': fav ? msg('popup_dir_unpin', name) : msg('popup_dir_pin', name), title: fav ? msg('popup_dir_unpin', name) : msg('popup_dir_pin', name),
  }, fav ? '★' : '☆');
  star.addEventListener('click', () => toggleFavorite(b.id));
  const buttons = el('div', { class: 'dir-open' });
  if (b.top) {
    const t = el('button', { type: 'button', 'data-open': 'top', 'aria-label': msg('open_top_brand', name) }, msg('popup_dir_top'));
    t.addEventListener('click', () => openTab(b.top));
    buttons.append(t);
  }
  if (b.login) {
    const l = el('button', { type: 'button', 'data-open': 'login', 'aria-label': msg('open_login_brand', name) }, msg('popup_dir_login'));
    l.addEventListener('click', () => openTab(b.login));
    buttons.append(l);
  }
  return el('li', { 'data-brand-id': b.id },
    el('div', { class: 'dir-name' }, el('span', { class: 'dir-main' }, name), other ? el('span', { class: 'dir-other', lang: UI.LANG === 'en' ? 'ja' : 'en' }, other) : null,
      el('span', { class: 'dir-domain', dir: 'ltr' }, (b.domains || []).slice(0, 2).join(' / '))),
    buttons, star);
}

function renderDir() {
  if (!index) return;
  const q = dirSearch.value;
  let list;
  if (q.trim()) {
    const { results, total } = C.search(index, q, { favorites });
    list = results;
    dirCount.textContent = total ? (total > results.length ? msg('popup_dir_count_more', [String(total), String(results.length)]) : msg('popup_dir_count', String(total))) : msg('popup_dir_none');
  } else {
    list = favorites.map((id) => index.find((e) => e.brand.id === id)).filter(Boolean).map((e) => e.brand);
    dirCount.textContent = list.length ? msg('popup_dir_pinned') : msg('popup_dir_empty');
  }
  dirResults.replaceChildren(...list.map(brandItem));
}

async function loadDirectory() {
  const r = await ask({ type: 'brands' });
  index = C.indexBrands(r ? r.brands : []);
  await loadFavorites();
  renderDir();
}
dirSearch.addEventListener('input', () => renderDir());

await accessNotice();
await Promise.all([load(), loadDirectory()]);
