/*
 * Omamori: shared UI helpers (a CLASSIC script, not a module).
 *
 * Loaded first in every frame as part of the content script (isolated world: the page cannot see
 * globalThis.OmamoriUI), and by the extension's own pages (warning, popup, report, options) with a plain
 * <script src>. It builds the warning card and the held link's card (both shown on warning.html only: a page
 * never gets them), the caution notice's style, renders hosts with the registrable domain emphasised, and wraps
 * chrome.i18n.
 *
 * Every string a person reads comes from _locales/{ja,en}/messages.json. Text is always inserted with
 * textContent / createTextNode, never as HTML.
 */
(() => {
  'use strict';
  if (globalThis.OmamoriUI) return;
  // when the content script began (this file comes first): what it costs at document_start is measured from here
  const startedAt = performance.now();

  const api = globalThis.browser ?? globalThis.chrome;

  /** chrome.i18n.getMessage with a safe fallback (never throws, never returns undefined). */
  function msg(key, subs) {
    try {
      const s = api.i18n.getMessage(key, subs == null ? undefined : [].concat(subs).map(String));
      return s || '';
    } catch {
      return '';
    }
  }

  /** The language of the strings in use: the locale files carry it under the key "lang". Read at first use:
   * in a content script the first i18n.getMessage of a renderer process fetches the whole message bundle
   * (a synchronous IPC, ~5–8 ms per page load), which a page without a warning never needs. */
  let lang = '';
  const uiLang = () => lang || (lang = msg('lang') === 'en' ? 'en' : 'ja');

  /** Picks the string for the UI language out of an engine {ja, en} object. */
  function pick(o) {
    if (typeof o === 'string') return o;
    if (!o || typeof o !== 'object') return '';
    return String(o[uiLang()] || o.ja || o.en || '');
  }

  const LEVEL_RANK = { none: 0, safe: 0, caution: 1, danger: 2 };
  const rank = (level) => (level in LEVEL_RANK ? LEVEL_RANK[level] : -1);

  const FIELD_KINDS = [
    'card_number', 'card_expiry', 'card_cvc', 'card_pin', 'login_id', 'password', 'otp',
    'prepaid_number', 'bank_account', 'secret_answer', 'mailbox_number', 'personal_id',
  ];
  function kindName(kind) {
    return (FIELD_KINDS.includes(kind) && msg('kind_' + kind)) || msg('kind_other');
  }

  /** Joins a list the way the language does: 「、」 in Japanese, ", " in English. */
  function joinList(items) {
    return items.join(uiLang() === 'ja' ? '、' : ', ');
  }

  function brandName(verdict) {
    return verdict ? pick(verdict.brand_name) : '';
  }

  /** Only http(s) URLs are ever turned into links. */
  function httpUrl(u) {
    if (typeof u !== 'string' || u.length > 2048) return null;
    try {
      const x = new URL(u);
      return x.protocol === 'https:' || x.protocol === 'http:' ? x.href : null;
    } catch {
      return null;
    }
  }

  function hostOf(u) {
    try {
      return new URL(u).host;
    } catch {
      return '';
    }
  }

  /**
   * Splits a host into [prefix, registrable] so that the registrable part can be shown in bold:
   * ("micard.co.jp.kwtqq.com", "kwtqq.com") -> ["micard.co.jp.", "kwtqq.com"].
   */
  function splitHost(host, registrable) {
    host = String(host || '');
    const rd = String(registrable || '');
    if (rd && host.length >= rd.length) {
      const lh = host.toLowerCase();
      const lr = rd.toLowerCase();
      if (lh === lr) return ['', host];
      if (lh.endsWith('.' + lr)) return [host.slice(0, host.length - rd.length), host.slice(host.length - rd.length)];
    }
    return [host, ''];
  }

  // Document methods taken from the prototype: a hostile page can shadow document.createElement with a
  // named element (<img name="createElement">), even as seen from the content script's isolated world.
  const D_createElement = Document.prototype.createElement;
  const D_createTextNode = Document.prototype.createTextNode;
  const text = (doc, s) => D_createTextNode.call(doc, String(s));

  /** Creates an element: h(doc, 'p', {class: 'x'}, 'text', childNode, ...). */
  function h(doc, tag, attrs, ...children) {
    const el = D_createElement.call(doc, tag);
    if (attrs) {
      for (const [k, v] of Object.entries(attrs)) {
        if (v == null || v === false) continue;
        if (k === 'text') el.textContent = String(v);
        else el.setAttribute(k, v === true ? '' : String(v));
      }
    }
    for (const c of children.flat()) {
      if (c == null || c === false || c === '') continue;
      el.append(typeof c === 'string' ? text(doc, c) : c);
    }
    return el;
  }

  /** <span class="om-host">micard.co.jp.<strong>kwtqq.com</strong></span> */
  function hostLine(doc, host, registrable) {
    const [pre, strong] = splitHost(host, registrable);
    const span = h(doc, 'span', { class: 'om-host', dir: 'ltr', translate: 'no' });
    if (pre) span.append(text(doc, pre));
    if (strong) span.append(h(doc, 'strong', null, strong));
    return span;
  }

  /** A verdict that may call its page official: `safe`, and not a platform's space for others' content. */
  function isOfficial(verdict) {
    return !!verdict && verdict.level === 'safe' && !verdict.user_content;
  }

  /** A message whose placeholders may be nodes, in the order the language puts them. */
  function sentence(doc, key, subs) {
    const nodes = [];
    const filled = subs.map((x) => (typeof x === 'string' ? x : `\uE000${nodes.push(x) - 1}\uE001`));
    return msg(key, filled).split(/\uE000(\d+)\uE001/).map((part, i) => (i % 2 ? nodes[Number(part)] : part)).filter(Boolean);
  }

  /**
   * Where an address really leads and whose content is there (the verdict's `via`, `platform`; issue 17), in plain
   * words with the host's registrable domain in bold: one <p class="om-route" data-route="redirect | hidden | proxy |
   * userinfo | user-content"> per fact, [] for a direct address. opts.userContent: false leaves the last one out.
   */
  function routeFacts(doc, verdict, opts = {}) {
    const v = verdict || {};
    const via = Array.isArray(v.via) ? v.via.filter((s) => s && typeof s.host === 'string').slice(0, 8) : [];
    const host = String(v.host || '');
    const out = [];
    const line = (kind, ...parts) => out.push(h(doc, 'p', { class: 'om-route', 'data-route': kind }, ...parts));
    const where = () => hostLine(doc, host, v.registrable_domain);
    const redirects = via.filter((s) => s.kind === 'redirect');
    const hidden = (Array.isArray(v.reasons) ? v.reasons : []).some((r) => r && r.code === 'redirect-destination-hidden');
    if (hidden) {
      const last = redirects[redirects.length - 1];
      line('hidden', msg('route_hidden', pick(last && (last.service || last.name)) || (last && last.host) || ''));
    } else if (redirects.length && host) {
      const names = [...new Set(redirects.map((s) => pick(s.name) || s.host))];
      line('redirect', ...sentence(doc, 'route_redirect', [joinList(names), where()]));
    }
    const proxy = via.filter((s) => s.kind === 'proxy').pop();
    if (proxy && host) line('proxy', ...sentence(doc, 'route_proxy', [pick(proxy.service || proxy.name) || proxy.host, where()]));
    const decoy = via.find((s) => s.kind === 'userinfo');
    if (decoy && host) {
      const shown = h(doc, 'span', { class: 'om-host', dir: 'ltr', translate: 'no' }, decoy.host);
      const brand = pick(decoy.name);
      line('userinfo', ...(brand ? sentence(doc, 'route_userinfo_brand', [shown, brand, where()]) : sentence(doc, 'route_userinfo', [shown, where()])));
    }
    const space = v.user_content && v.platform;
    if (space && opts.userContent !== false) {
      line('user-content', msg('route_user_content', [pick(space.service), pick(space.name)]));
    }
    return out;
  }

  /** The reasons that say what routeFacts says (left out of a list shown beside its lines). */
  const ROUTE_CODES = ['via-redirect', 'via-proxy', 'redirect-destination-hidden', 'user-content-on-platform'];

  /** opts.besideRoute: without the reasons that routeFacts' lines already say. */
  function uniqueReasons(verdict, opts = {}) {
    const seen = new Set();
    const out = [];
    for (const r of (verdict && Array.isArray(verdict.reasons) ? verdict.reasons : [])) {
      const text = pick(r);
      if (!text || seen.has(text) || (opts.besideRoute && ROUTE_CODES.includes(r.code))) continue;
      seen.add(text);
      out.push({ text, severity: r.severity || 'info', code: r.code || '' });
      if (out.length >= 8) break;
    }
    return out;
  }

  function fieldKinds(verdict) {
    const kinds = [];
    for (const f of (verdict && Array.isArray(verdict.fields) ? verdict.fields : [])) {
      if (f && f.kind && !kinds.includes(f.kind)) kinds.push(f.kind);
    }
    return kinds;
  }

  /**
   * The warning card of the warning page.
   * opts: { idPrefix, headingTag ('h1' | 'h2') }
   * Returns { card, titleId, descId, leave, report, proceed } (the three action buttons).
   */
  function buildWarningCard(doc, verdict, opts = {}) {
    const id = (s) => (opts.idPrefix || 'om-') + s;
    const H = opts.headingTag || 'h2';
    const sub = H === 'h1' ? 'h2' : 'h3';
    const brand = brandName(verdict);
    const gi = (verdict && verdict.go_instead) || null;
    const top = gi ? httpUrl(gi.top) : null;
    const login = gi ? httpUrl(gi.login) : null;
    const phones = gi && Array.isArray(gi.phones) ? gi.phones.filter((p) => p && p.number).slice(0, 4) : [];

    const card = h(doc, 'div', { class: 'om-card om-danger', lang: uiLang() });

    card.append(h(doc, 'div', { class: 'om-head' },
      h(doc, 'span', { class: 'om-icon', 'aria-hidden': 'true' }, '!'),
      h(doc, H, { id: id('title'), class: 'om-title' },
        brand ? msg('danger_title_brand', brand) : msg('danger_title'))));

    card.append(h(doc, 'p', { id: id('desc'), class: 'om-lead' },
      brand ? msg('danger_lead_brand', brand) : msg('danger_lead')));

    // Where the page really is.
    if (verdict && verdict.host) {
      const addr = h(doc, 'section', { class: 'om-addr' },
        h(doc, sub, null, msg('address_heading')),
        h(doc, 'p', { class: 'om-host-line' }, hostLine(doc, verdict.host, verdict.registrable_domain)));
      if (verdict.registrable_domain) {
        addr.append(h(doc, 'p', { class: 'om-note' }, msg('address_note', verdict.registrable_domain)));
      }
      // how the address got there: a redirector, a translation proxy, a domain before an `@`, someone's page on a
      // platform (issue 17)
      addr.append(...routeFacts(doc, verdict));
      card.append(addr);
    }

    // What the page asks for.
    const kinds = fieldKinds(verdict);
    if (kinds.length) {
      card.append(h(doc, 'section', { class: 'om-asks' },
        h(doc, sub, null, msg('asks_heading')),
        h(doc, 'p', null, joinList(kinds.map(kindName)))));
    }

    // Why.
    const reasons = uniqueReasons(verdict, { besideRoute: true });
    if (reasons.length) {
      card.append(h(doc, 'section', { class: 'om-reasons' },
        h(doc, sub, null, msg('reasons_heading')),
        h(doc, 'ul', null, reasons.map((r) => h(doc, 'li', { class: 'om-sev-' + r.severity }, r.text)))));
    }

    // The actions (a sticky bar at the bottom of the dialog).
    const leave = h(doc, 'button', { type: 'button', class: 'om-btn om-primary', 'data-act': 'leave', autofocus: true },
      h(doc, 'span', { class: 'om-btn-label' }, msg('action_leave')),
      h(doc, 'span', { class: 'om-btn-sub' },
        top ? (brand ? msg('action_leave_sub_brand', brand) : msg('action_leave_sub_official')) : msg('action_leave_sub_back')));
    const report = h(doc, 'button', { type: 'button', class: 'om-btn om-secondary', 'data-act': 'report' },
      h(doc, 'span', { class: 'om-btn-label' }, msg('action_report')));
    const proceed = h(doc, 'button', { type: 'button', class: 'om-btn om-quiet', 'data-act': 'continue',
      'aria-describedby': id('continue-note') },
    h(doc, 'span', { class: 'om-btn-label' }, msg('action_continue')));
    // "This warning is wrong": a report for the project, and trusting the site.
    const wrong = h(doc, 'button', { type: 'button', class: 'om-btn om-quiet om-wrong', 'data-act': 'wrong' },
      h(doc, 'span', { class: 'om-btn-label' }, msg('action_wrong')));
    card.append(h(doc, 'div', { class: 'om-actions' }, leave, report, proceed,
      h(doc, 'p', { id: id('continue-note'), class: 'om-continue-note' }, msg('action_continue_note')), wrong));

    // Where to go instead.
    const instead = h(doc, 'section', { class: 'om-instead' },
      h(doc, sub, null, msg('instead_heading')),
      h(doc, 'p', null, msg('instead_advice')));
    const links = [];
    if (top) {
      links.push(h(doc, 'li', null, (brand ? msg('instead_top_brand', brand) : msg('instead_top')) + ' ',
        h(doc, 'a', { href: top, target: '_top', rel: 'noopener noreferrer', dir: 'ltr' }, top)));
    }
    if (login && login !== top) {
      links.push(h(doc, 'li', null, msg('instead_login') + ' ',
        h(doc, 'a', { href: login, target: '_top', rel: 'noopener noreferrer', dir: 'ltr' }, login)));
    }
    if (links.length) instead.append(h(doc, 'ul', { class: 'om-links' }, links));
    if (phones.length) {
      instead.append(h(doc, 'p', { class: 'om-phones-title' }, msg('instead_phone')));
      instead.append(h(doc, 'ul', { class: 'om-phones' }, phones.map((p) => {
        const num = String(p.number);
        const tel = num.replace(/[^0-9+]/g, '');
        const desc = pick(p);
        return h(doc, 'li', null,
          tel ? h(doc, 'a', { href: 'tel:' + tel, dir: 'ltr', class: 'om-phone' }, num) : num,
          desc ? h(doc, 'span', { class: 'om-phone-desc' }, desc) : null);
      })));
    }
    instead.append(h(doc, 'p', null, msg('instead_phone_advice')));
    card.append(instead);

    card.append(h(doc, 'p', { class: 'om-already' }, msg('already_entered')));
    card.append(h(doc, 'p', { class: 'om-footer' }, msg('warning_footer')));

    return { card, titleId: id('title'), descId: id('desc'), leave, report, proceed, wrong };
  }

  /**
   * The card of a HELD link (a deceptive link the person clicked, or a form they sent to such an address): where
   * the link really goes, why it was held, and the choices: stay (focused), the brand's real site instead, open
   * the link (send the form) anyway.
   * hold: {kind: 'text-mismatch' | 'lookalike', href, shown, brand, brand_name, host, registrable_domain,
   *        reasons, go_instead: {top, login}}
   * opts: { idPrefix, headingTag ('h1' | 'h2'), submit (a form, not a link) }
   * Returns { card, titleId, descId, stay, official (or null), open, report }.
   */
  function buildLinkCard(doc, hold, opts = {}) {
    const id = (s) => (opts.idPrefix || 'om-link-') + s;
    const H = opts.headingTag || 'h2';
    const sub = H === 'h1' ? 'h2' : 'h3';
    const brand = pick(hold && hold.brand_name);
    const top = httpUrl(hold && hold.go_instead && hold.go_instead.top);
    const card = h(doc, 'div', { class: 'om-card om-danger om-link-card', lang: uiLang() });
    const title = opts.submit ? msg('link_title_form') : hold.kind === 'text-mismatch'
      ? msg('link_title_mismatch')
      : (brand ? msg('link_title_lookalike_brand', brand) : msg('link_title_lookalike'));
    card.append(h(doc, 'div', { class: 'om-head' },
      h(doc, 'span', { class: 'om-icon', 'aria-hidden': 'true' }, '!'),
      h(doc, H, { id: id('title'), class: 'om-title' }, title)));
    card.append(h(doc, 'p', { id: id('desc'), class: 'om-lead' }, brand ? msg('link_lead_brand', brand) : msg('link_lead')));
    const where = h(doc, 'section', { class: 'om-addr' });
    if (hold.shown) {
      where.append(h(doc, sub, null, msg('link_shown_heading')),
        h(doc, 'p', { class: 'om-shown' }, h(doc, 'span', { class: 'om-host', dir: 'ltr', translate: 'no' }, hold.shown)));
    }
    where.append(h(doc, sub, null, msg('link_dest_heading')),
      h(doc, 'p', { class: 'om-host-line' }, hostLine(doc, hold.host || hostOf(hold.href), hold.registrable_domain)));
    if (hold.registrable_domain) where.append(h(doc, 'p', { class: 'om-note' }, msg('address_note_link', hold.registrable_domain)));
    where.append(...routeFacts(doc, hold));
    card.append(where);
    const reasons = uniqueReasons(hold, { besideRoute: true });
    if (reasons.length) {
      card.append(h(doc, 'section', { class: 'om-reasons' }, h(doc, sub, null, msg('reasons_heading')),
        h(doc, 'ul', null, reasons.map((r) => h(doc, 'li', { class: 'om-sev-' + r.severity }, r.text)))));
    }
    const stay = h(doc, 'button', { type: 'button', class: 'om-btn om-primary', 'data-act': 'link-stay', autofocus: true },
      h(doc, 'span', { class: 'om-btn-label' }, msg('link_stay')),
      h(doc, 'span', { class: 'om-btn-sub' }, msg('link_stay_sub')));
    const official = top ? h(doc, 'button', { type: 'button', class: 'om-btn om-secondary', 'data-act': 'link-official' },
      h(doc, 'span', { class: 'om-btn-label' }, brand ? msg('link_official_brand', brand) : msg('link_official')),
      h(doc, 'span', { class: 'om-btn-sub', dir: 'ltr' }, top)) : null;
    const report = h(doc, 'button', { type: 'button', class: 'om-btn om-secondary', 'data-act': 'link-report' },
      h(doc, 'span', { class: 'om-btn-label' }, msg('link_report')));
    const open = h(doc, 'button', { type: 'button', class: 'om-btn om-quiet', 'data-act': 'link-open' },
      h(doc, 'span', { class: 'om-btn-label' }, opts.submit ? msg('link_send_anyway') : msg('link_open_anyway')));
    card.append(h(doc, 'div', { class: 'om-actions' }, stay, official, report, open));
    card.append(h(doc, 'p', { class: 'om-footer' }, msg('link_footer')));
    return { card, titleId: id('title'), descId: id('desc'), stay, official, open, report };
  }

  /** The stylesheet of the warning card (warning.html) and the caution notice (the guard's shadow root).
   * Light and dark. */
  const CARD_CSS = `
.om-card, .om-notice {
  --om-bg: #ffffff; --om-fg: #1f1f1f; --om-muted: #4a4a4a; --om-border: #d6d6d6;
  --om-danger: #b3261e; --om-danger-bg: #fdecea; --om-danger-fg: #ffffff;
  --om-caution: #8a5300; --om-caution-bg: #fff4dc; --om-caution-border: #f0b429;
  --om-link: #0b57d0; --om-focus: #0b57d0; --om-quiet: #3c3c3c; --om-host-strong: #b3261e;
  box-sizing: border-box;
  font-family: system-ui, -apple-system, "Hiragino Sans", "Hiragino Kaku Gothic ProN", "Noto Sans JP",
    "Noto Sans CJK JP", "Yu Gothic UI", "Meiryo", "IPAGothic", "IPAPGothic", sans-serif;
  font-size: 16px; line-height: 1.6; color: var(--om-fg); background: var(--om-bg);
  text-align: start; letter-spacing: normal; word-break: normal; overflow-wrap: anywhere;
}
@media (prefers-color-scheme: dark) {
  .om-card, .om-notice {
    --om-bg: #202124; --om-fg: #ececec; --om-muted: #c4c4c4; --om-border: #4a4a4a;
    --om-danger: #f28b82; --om-danger-bg: #3c1f1e; --om-danger-fg: #1f1f1f;
    --om-caution: #fdd663; --om-caution-bg: #3a2f12; --om-caution-border: #b88a00;
    --om-link: #8ab4f8; --om-focus: #8ab4f8; --om-quiet: #d0d0d0; --om-host-strong: #ffb4ab;
  }
}
.om-card *, .om-notice * { box-sizing: border-box; }
.om-card { border-top: 8px solid var(--om-danger); padding: 20px 24px 0; }
.om-head { display: flex; align-items: flex-start; gap: 12px; margin: 0 0 8px; }
.om-icon { flex: none; display: inline-flex; align-items: center; justify-content: center; width: 36px; height: 36px;
  border-radius: 50%; background: var(--om-danger); color: var(--om-danger-fg); font-weight: 800; font-size: 22px;
  line-height: 1; margin-top: 2px; }
.om-card .om-title { margin: 0; font-size: 22px; line-height: 1.4; font-weight: 700; color: var(--om-danger);
  word-break: auto-phrase; text-wrap: balance; }
.om-lead { word-break: auto-phrase; }
.om-lead { margin: 8px 0 16px; font-size: 17px; font-weight: 600; }
.om-card h2, .om-card h3 { font-size: 15px; margin: 16px 0 4px; color: var(--om-muted); font-weight: 700; }
.om-card p { margin: 4px 0; }
.om-card ul { margin: 4px 0; padding-inline-start: 1.4em; }
.om-card li { margin: 2px 0; }
.om-host-line { font-size: 20px; background: var(--om-danger-bg); border-radius: 6px; padding: 6px 10px; margin: 4px 0; }
.om-host { font-family: ui-monospace, "SFMono-Regular", "Menlo", "Consolas", "Noto Sans Mono", monospace; }
.om-host strong { color: var(--om-host-strong); font-weight: 800; text-decoration: underline; text-underline-offset: 3px; }
.om-note, .om-continue-note, .om-already, .om-footer { color: var(--om-muted); font-size: 14px; }
.om-sev-danger::marker { color: var(--om-danger); }
.om-card a { color: var(--om-link); text-decoration: underline; }
.om-phones-title { font-weight: 600; margin-top: 8px; }
.om-phone { font-weight: 700; }
.om-phone-desc { margin-inline-start: .75em; color: var(--om-muted); }
.om-actions { position: sticky; bottom: 0; background: var(--om-bg); border-top: 1px solid var(--om-border);
  margin: 16px -24px 0; padding: 12px 24px 12px; display: flex; flex-wrap: wrap; gap: 8px; align-items: center; z-index: 1; }
.om-btn { font: inherit; font-size: 16px; cursor: pointer; border-radius: 8px; padding: 10px 16px; min-height: 44px;
  border: 2px solid transparent; display: inline-flex; flex-direction: column; align-items: flex-start; text-align: start; }
.om-btn-label { font-weight: 700; }
.om-btn-sub { font-size: 13px; font-weight: 400; opacity: .95; }
.om-primary { background: var(--om-danger); color: var(--om-danger-fg); flex: 1 1 100%; align-items: center; text-align: center; }
.om-secondary { background: transparent; color: var(--om-fg); border-color: var(--om-border); }
.om-quiet { background: transparent; color: var(--om-quiet); text-decoration: underline; padding-inline: 8px; }
.om-btn:focus-visible, .om-card a:focus-visible, .om-notice button:focus-visible {
  outline: 3px solid var(--om-focus); outline-offset: 2px; }
.om-continue-note { flex: 1 1 100%; margin: 0; }
.om-wrong { font-size: 14px; padding-inline: 0; min-height: 32px; }
.om-shown { font-size: 18px; margin: 4px 0; padding: 4px 10px; }
.om-already { margin-top: 16px; }
.om-footer { margin: 8px 0 16px; font-size: 12px; }

.om-notice { border: 2px solid var(--om-caution-border); background: var(--om-caution-bg); border-radius: 10px;
  padding: 10px 12px; box-shadow: 0 4px 16px rgba(0,0,0,.25); max-width: min(420px, calc(100vw - 16px)); font-size: 14px; }
.om-notice-head { display: flex; align-items: center; gap: 8px; }
.om-notice-title { margin: 0; font-size: 15px; font-weight: 700; color: var(--om-caution); flex: 1; }
.om-notice p { margin: 4px 0; }
.om-notice ul { margin: 4px 0; padding-inline-start: 1.2em; }
.om-notice-close { font: inherit; font-size: 13px; cursor: pointer; border-radius: 6px; padding: 2px 8px;
  background: transparent; color: var(--om-fg); border: 1px solid var(--om-border); min-height: 28px; }
.om-notice .om-host strong { color: var(--om-caution); }
@media (prefers-reduced-motion: no-preference) { .om-notice { transition: opacity .15s; } }
`;

  /** A message to the background from an extension page: its reply when it says ok, else null. */
  async function ask(message) {
    try {
      const r = await api.runtime.sendMessage(message);
      return r && r.ok ? r : null;
    } catch {
      return null;
    }
  }

  const exported = {
    api, ask, msg, pick, rank, FIELD_KINDS, kindName, joinList, brandName, httpUrl, hostOf, splitHost, h,
    hostLine, uniqueReasons, fieldKinds, isOfficial, routeFacts, buildWarningCard, buildLinkCard, CARD_CSS, startedAt,
  };
  // UI.LANG: 'ja' | 'en', read at first use (see uiLang).
  Object.defineProperty(exported, 'LANG', { get: uiLang, enumerable: true });
  globalThis.OmamoriUI = Object.freeze(exported);
})();
