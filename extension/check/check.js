// check/check.html?url=<link>: the verdict for one link, judged by its address alone (the link is not opened).
// Opened by the context menu item "このリンクを確認" in a small window, and usable on its own.
const UI = globalThis.OmamoriUI;
const C = globalThis.OmamoriCheck;
const api = UI.api;
const { msg, h } = UI;
const el = (...a) => h(document, ...a);

document.documentElement.lang = UI.LANG;
document.title = msg('check_page_title') + ' - Omamori';
for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = msg(node.dataset.i18n);
for (const node of document.querySelectorAll('[data-i18n-placeholder]')) node.placeholder = msg(node.dataset.i18nPlaceholder);

const checked = document.getElementById('checked');
const actions = document.getElementById('actions');
const input = document.getElementById('check-input');

const { ask } = UI;

function openTab(url) {
  return api.tabs.create({ url }).catch(() => {});
}

async function check(text) {
  const url = C.extractUrl(text);
  const res = url ? await ask({ type: 'check-link', url }) : { invalid: true };
  const box = C.renderResult(document, res || { invalid: true });
  if (url) box.prepend(el('p', { class: 'om-result-url', dir: 'ltr' }, msg('check_link_label') + ' ' + url));
  for (const a of box.querySelectorAll('a[data-open]')) {
    a.addEventListener('click', (ev) => {
      ev.preventDefault();
      openTab(a.href);
    });
  }
  checked.replaceChildren(box);
  actions.replaceChildren();
  const level = res && res.verdict ? res.verdict.level : 'invalid';
  if (url && res && res.verdict) {
    if (level === 'danger' || level === 'caution') {
      const rep = el('button', { type: 'button', 'data-act': 'report' }, msg('check_report'));
      rep.addEventListener('click', async () => {
        rep.disabled = true;
        await ask({ type: 'open-report', url });
      });
      actions.append(rep);
    } else {
      const open = el('button', { type: 'button', 'data-act': 'open-link' }, msg('check_open_link'));
      open.addEventListener('click', () => openTab(url));
      actions.append(open);
    }
  }
  document.body.dataset.level = level;
}

document.getElementById('check-form').addEventListener('submit', (e) => {
  e.preventDefault();
  if (input.value.trim()) check(input.value);
});
document.getElementById('close').addEventListener('click', () => window.close());
document.addEventListener('keydown', (e) => {
  if (e.key === 'Escape' && !e.defaultPrevented && document.activeElement !== input) window.close();
});

const given = new URLSearchParams(location.search).get('url') || '';
if (given) await check(given);
else input.focus();
document.body.dataset.ready = 'true';
