/*
 * Omamori: "check a link" and the directory of official sites (a CLASSIC script, after shared/ui.js).
 *
 * Used by the extension's own pages only (popup, check/check.html). Nothing here fetches anything: a link is
 * judged by its address alone (the background's engine.checkUrl), never opened.
 *
 *   OmamoriCheck.extractUrl(text)            the first URL (or bare domain) in text pasted from an SMS or a mail
 *   OmamoriCheck.renderResult(doc, res)      the verdict for a link, in plain words (through which platform it goes and
 *                                            where it really leads), with the official site instead
 *   OmamoriCheck.indexBrands(brands)         search keys per brand (kanji, kana, romaji, English, domains)
 *   OmamoriCheck.search(index, query)        brands matching みずほ / ミズホ / ﾐｽﾞﾎ / mizuho / Mizuho Bank / mizuhobank
 *   OmamoriCheck.toHiragana / romajiToHiragana / hiraganaToRomaji   the normalisers (exported for tests)
 */
(() => {
  'use strict';
  if (globalThis.OmamoriCheck) return;
  const UI = globalThis.OmamoriUI;
  const { msg, h } = UI;

  // ------------------------------------------------------------------ the URL in a pasted text
  /**
   * SMS and mail texts carry the URL among words, sometimes without "https://", in full-width letters, or
   * "defanged" (hxxp://, example[.]com). Returns an absolute http(s) URL, or null.
   */
  function extractUrl(text) {
    let t = String(text || '').slice(0, 8192);
    try {
      t = t.normalize('NFKC');
    } catch { /* ignore */ }
    t = t.replace(/\bhxxps?(?=:\/\/)/gi, (x) => x.replace(/x/gi, 't')).replace(/\[(\.|dot)\]|\((\.|dot)\)/gi, '.');
    const withScheme = /https?:\/\/[^\s"'<>「」『』（）()【】、。]+/i.exec(t);
    let cand = withScheme ? withScheme[0] : null;
    if (!cand) {
      const bare = /(?:^|[^a-z0-9@._-])((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,24}|xn--[a-z0-9-]{1,59})(?::\d{1,5})?(?:[/?#][^\s"'<>「」『』（）()【】、。]*)?)(?![a-z0-9-])/i.exec(t);
      if (bare) cand = 'https://' + bare[1];
    }
    if (!cand) return null;
    cand = cand.replace(/[.,;:!?)\]}>]+$/, '');
    try {
      const u = new URL(cand);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
      if (!u.hostname.includes('.') && !/^\[/.test(u.hostname)) return null;
      return u.href;
    } catch {
      return null;
    }
  }

  // ------------------------------------------------------------------ rendering a link verdict
  /**
   * res: the background's `check-link` answer {url, verdict, official, trusted, reported} or {invalid: true}.
   * Returns a <section class="om-result level-…" data-level data-brand>.
   */
  function renderResult(doc, res) {
    const el = (...a) => h(doc, ...a);
    if (!res || res.invalid || !res.verdict) {
      return el('section', { class: 'om-result level-invalid', 'data-level': 'invalid' },
        el('p', { class: 'om-result-title' }, msg('check_invalid')));
    }
    const v = res.verdict;
    const level = v.level;
    const brand = UI.brandName(v);
    const off = res.official || null;
    const offName = off ? UI.pick(off.brand_name) || brand : brand;
    // someone's page on a platform (a Google Form…): never called official; named as what it is unless it warns
    const space = v.user_content && v.platform ? v.platform : null;
    const spaceTitle = space && level !== 'danger' && level !== 'caution';
    // a redirector whose destination is hidden: the host judged is the redirector's, not where the link leads
    const hidden = (Array.isArray(v.reasons) ? v.reasons : []).some((r) => r && r.code === 'redirect-destination-hidden');
    let title;
    let sub;
    if (level === 'danger') {
      title = brand ? msg('check_title_danger_brand', brand) : msg('check_title_danger');
      sub = msg('check_sub_danger');
    } else if (level === 'caution') {
      title = msg('check_title_caution');
      sub = msg('check_sub_caution');
    } else if (spaceTitle) {
      title = msg('check_title_user_content', UI.pick(space.service));
      sub = msg('check_sub_user_content', UI.pick(space.name));
    } else if (UI.isOfficial(v)) {
      title = brand ? msg('check_title_safe_brand', brand) : msg('check_title_safe');
      sub = msg('check_sub_safe');
    } else {
      title = msg('check_title_none');
      sub = msg('check_sub_none');
    }
    const box = el('section', { class: 'om-result level-' + level, 'data-level': level, 'data-brand': v.brand || '' },
      el('p', { class: 'om-result-title' }, title),
      el('p', { class: 'om-result-sub' }, sub),
      UI.routeFacts(doc, v, { userContent: !spaceTitle }));
    const rows = el('dl', { class: 'om-result-facts' });
    if ((level === 'danger' || level === 'caution') && brand) {
      rows.append(el('dt', null, msg('check_pretends')), el('dd', { class: 'om-pretends' }, brand));
    }
    if (hidden) {
      rows.append(el('dt', null, msg('check_real_domain')), el('dd', { class: 'om-dest-hidden' }, msg('route_dest_hidden')));
    } else if (v.host) {
      rows.append(el('dt', null, msg('check_real_domain')),
        el('dd', null, UI.hostLine(doc, v.host, v.registrable_domain)));
    }
    if (rows.childNodes.length) box.append(rows);
    // (the domain of someone's page is the platform's: it owns the address, not what is on it)
    if (v.registrable_domain && level !== 'safe' && !hidden && !space) {
      box.append(el('p', { class: 'om-result-note' }, msg('check_domain_note', v.registrable_domain)));
    }
    if (res.trusted) box.append(el('p', { class: 'om-result-note' }, msg('check_trusted_note')));
    const reasons = UI.uniqueReasons(v, { besideRoute: true });
    if (reasons.length) {
      box.append(el('p', { class: 'om-result-h' }, level === 'danger' || level === 'caution' ? msg('reasons_heading') : msg('check_checked_heading')),
        el('ul', { class: 'om-result-reasons' }, reasons.map((r) => el('li', { class: 'om-sev-' + r.severity }, r.text))));
    }
    const top = off && UI.httpUrl(off.top);
    if (top && level !== 'safe') {
      const links = el('div', { class: 'om-result-official' },
        el('p', { class: 'om-result-h' }, offName ? msg('check_use_official_brand', offName) : msg('check_use_official')),
        el('a', { class: 'btn primary', href: top, target: '_blank', rel: 'noopener noreferrer', 'data-open': 'top' },
          offName ? msg('open_top_brand', offName) : msg('open_top')));
      const login = UI.httpUrl(off.login);
      if (login && login !== top) {
        links.append(el('a', { class: 'btn', href: login, target: '_blank', rel: 'noopener noreferrer', 'data-open': 'login' },
          msg('open_login')));
      }
      box.append(links);
    } else if (level !== 'safe') {
      box.append(el('p', { class: 'om-result-note' }, msg('check_advice')));
    }
    return box;
  }

  // ------------------------------------------------------------------ directory search
  const SEP_RE = /[\s\u3000・･\-‐‑–—ー_.,、。()（）「」『』【】\[\]/／'’"!！?？&＆*＋+:：]/g;
  const LONG_RE = /ー/g;

  /** Katakana -> hiragana (after NFKC, so half-width ｶﾀｶﾅ is covered too). */
  function toHiragana(s) {
    return String(s || '').replace(/[\u30a1-\u30f6]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60));
  }

  function nfkc(s) {
    try {
      return String(s || '').normalize('NFKC');
    } catch {
      return String(s || '');
    }
  }

  const ROMA = {
    a: 'あ', i: 'い', u: 'う', e: 'え', o: 'お',
    ka: 'か', ki: 'き', ku: 'く', ke: 'け', ko: 'こ', kya: 'きゃ', kyu: 'きゅ', kyo: 'きょ',
    sa: 'さ', si: 'し', shi: 'し', su: 'す', se: 'せ', so: 'そ', sha: 'しゃ', shu: 'しゅ', sho: 'しょ', she: 'しぇ',
    sya: 'しゃ', syu: 'しゅ', syo: 'しょ',
    ta: 'た', ti: 'ち', chi: 'ち', tu: 'つ', tsu: 'つ', te: 'て', to: 'と', cha: 'ちゃ', chu: 'ちゅ', cho: 'ちょ',
    che: 'ちぇ', tya: 'ちゃ', tyu: 'ちゅ', tyo: 'ちょ',
    na: 'な', ni: 'に', nu: 'ぬ', ne: 'ね', no: 'の', nya: 'にゃ', nyu: 'にゅ', nyo: 'にょ',
    ha: 'は', hi: 'ひ', hu: 'ふ', fu: 'ふ', he: 'へ', ho: 'ほ', hya: 'ひゃ', hyu: 'ひゅ', hyo: 'ひょ',
    fa: 'ふぁ', fi: 'ふぃ', fe: 'ふぇ', fo: 'ふぉ',
    ma: 'ま', mi: 'み', mu: 'む', me: 'め', mo: 'も', mya: 'みゃ', myu: 'みゅ', myo: 'みょ',
    ya: 'や', yu: 'ゆ', yo: 'よ',
    ra: 'ら', ri: 'り', ru: 'る', re: 'れ', ro: 'ろ', rya: 'りゃ', ryu: 'りゅ', ryo: 'りょ',
    la: 'ら', li: 'り', lu: 'る', le: 'れ', lo: 'ろ',
    wa: 'わ', wi: 'うぃ', we: 'うぇ', wo: 'を',
    ga: 'が', gi: 'ぎ', gu: 'ぐ', ge: 'げ', go: 'ご', gya: 'ぎゃ', gyu: 'ぎゅ', gyo: 'ぎょ',
    za: 'ざ', zi: 'じ', ji: 'じ', zu: 'ず', ze: 'ぜ', zo: 'ぞ', ja: 'じゃ', ju: 'じゅ', jo: 'じょ', je: 'じぇ',
    jya: 'じゃ', jyu: 'じゅ', jyo: 'じょ', zya: 'じゃ', zyu: 'じゅ', zyo: 'じょ',
    da: 'だ', di: 'ぢ', du: 'づ', de: 'で', do: 'ど', dhi: 'でぃ', thi: 'てぃ',
    ba: 'ば', bi: 'び', bu: 'ぶ', be: 'べ', bo: 'ぼ', bya: 'びゃ', byu: 'びゅ', byo: 'びょ',
    pa: 'ぱ', pi: 'ぴ', pu: 'ぷ', pe: 'ぺ', po: 'ぽ', pya: 'ぴゃ', pyu: 'ぴゅ', pyo: 'ぴょ',
    va: 'ゔぁ', vi: 'ゔぃ', vu: 'ゔ', ve: 'ゔぇ', vo: 'ゔぉ',
  };
  const VOWELS = 'aiueo';

  /** Romaji (Hepburn or kunrei, as people type it) -> hiragana; null when something is left over. */
  function romajiToHiragana(s) {
    s = String(s || '').toLowerCase();
    let out = '';
    let i = 0;
    while (i < s.length) {
      const c = s[i];
      if (c === '-') {
        out += 'ー';
        i++;
        continue;
      }
      if (c === 'n') {
        const next = s[i + 1];
        if (next === 'n') {
          out += 'ん';
          i += 2;
          continue;
        }
        if (next === "'" ) {
          out += 'ん';
          i += 2;
          continue;
        }
        if (next === undefined || (!VOWELS.includes(next) && next !== 'y')) {
          out += 'ん';
          i++;
          continue;
        }
      }
      if (c !== 'n' && /[a-z]/.test(c) && !VOWELS.includes(c) && s[i + 1] === c) {
        out += 'っ'; // double consonant
        i++;
        continue;
      }
      if (c === 't' && s[i + 1] === 'c' && s[i + 2] === 'h') {
        out += 'っ'; // matcha
        i++;
        continue;
      }
      let hit = false;
      for (const len of [3, 2, 1]) {
        const k = s.slice(i, i + len);
        if (ROMA[k]) {
          out += ROMA[k];
          i += len;
          hit = true;
          break;
        }
      }
      if (!hit) return null;
    }
    return out;
  }

  // hiragana -> romaji (Hepburn), for matching kana typed by a person against English / romaji names.
  const KANA = {};
  for (const [r, k] of Object.entries(ROMA)) {
    const prefer = !KANA[k] || ['shi', 'chi', 'tsu', 'fu', 'ji', 'sha', 'shu', 'sho', 'cha', 'chu', 'cho', 'ja', 'ju', 'jo', 'wo'].includes(r);
    if (prefer && !['la', 'li', 'lu', 'le', 'lo'].includes(r)) KANA[k] = r;
  }
  KANA['ん'] = 'n';
  KANA['を'] = 'o';
  function hiraganaToRomaji(s) {
    s = String(s || '');
    let out = '';
    let dbl = false;
    for (let i = 0; i < s.length;) {
      if (s[i] === 'っ') {
        dbl = true;
        i++;
        continue;
      }
      if (s[i] === 'ー') {
        i++;
        continue;
      }
      let r = null;
      let len = 0;
      for (const l of [2, 1]) {
        const k = s.slice(i, i + l);
        if (KANA[k]) {
          r = KANA[k];
          len = l;
          break;
        }
      }
      if (!r) {
        // small vowels and kana outside the table: keep the character
        r = s[i];
        len = 1;
      }
      if (dbl && /^[a-z]/.test(r)) r = (r.startsWith('ch') ? 't' : r[0]) + r;
      dbl = false;
      out += r;
      i += len;
    }
    return out;
  }

  /** Romaji spellings differ on long vowels (Tōkyō, Tokyo, Toukyou): fold them. */
  const foldLatin = (s) => s.replace(/ou|oo/g, 'o').replace(/uu/g, 'u').replace(/aa/g, 'a').replace(/ii/g, 'i').replace(/h(?=$)/, '');
  const isKana = (s) => /^[\u3041-\u3096ー]+$/.test(s);
  const isLatin = (s) => /^[a-z0-9]+$/.test(s);
  const squash = (s) => nfkc(s).toLowerCase().replace(SEP_RE, '');

  /** Search keys per brand: raw (kanji etc.), hiragana, folded latin (English names, romaji of kana names, domains). */
  function indexBrands(brands) {
    return (brands || []).map((b) => {
      const raw = new Set();
      const hira = new Set();
      const latin = new Set();
      // The KB's aliases are readings and romaji (みずほ, ミズホ, mizuho) given for exactly this search.
      const names = [b.name_ja, b.name_en, ...(b.names || []), ...(b.weak_names || []), ...(b.aliases || [])].filter(Boolean);
      for (const n of names) {
        const sq = squash(n);
        if (!sq) continue;
        raw.add(sq);
        const hi = toHiragana(sq);
        hira.add(hi);
        hira.add(hi.replace(LONG_RE, ''));
        const lat = sq.replace(/[^a-z0-9]/g, '');
        if (lat.length >= 2) latin.add(foldLatin(lat));
        // Kana parts spelled in romaji: "みずほぎんこう" -> "mizuhoginko".
        const kanaPart = hi.replace(/[^\u3041-\u3096ー]/g, '');
        if (kanaPart.length >= 2) latin.add(foldLatin(hiraganaToRomaji(kanaPart)));
      }
      for (const d of b.domains || []) {
        const host = String(d).toLowerCase();
        latin.add(foldLatin(host.replace(/[^a-z0-9]/g, '')));
        raw.add(host);
      }
      return { brand: b, raw: [...raw], hira: [...hira], latin: [...latin] };
    });
  }

  function scoreKeys(keys, q) {
    let best = 0;
    if (!q) return 0;
    for (const k of keys) {
      if (k === q) return 3;
      if (k.startsWith(q)) best = Math.max(best, 2);
      else if (q.length >= 2 && k.includes(q)) best = Math.max(best, 1);
    }
    return best;
  }

  /** Brands matching the query, best first; favourites (ids) first among equals. */
  function search(index, query, { favorites = [], limit = 8 } = {}) {
    const q = squash(query);
    if (!q) return { results: [], total: 0 };
    const qHira = toHiragana(q);
    const variants = { raw: [q], hira: [qHira, qHira.replace(LONG_RE, '')], latin: [] };
    if (isLatin(q)) {
      variants.latin.push(foldLatin(q));
      const kana = romajiToHiragana(q);
      if (kana && kana.length >= 2) variants.hira.push(kana, kana.replace(LONG_RE, ''));
    }
    if (isKana(qHira)) {
      const r = foldLatin(hiraganaToRomaji(qHira));
      if (r.length >= 3) variants.latin.push(r);
    }
    const fav = new Set(favorites);
    const scored = [];
    for (const e of index) {
      let s = 0;
      for (const v of variants.raw) s = Math.max(s, scoreKeys(e.raw, v));
      for (const v of variants.hira) s = Math.max(s, scoreKeys(e.hira, v));
      for (const v of variants.latin) s = Math.max(s, scoreKeys(e.latin, v));
      if (s > 0) scored.push({ e, s });
    }
    scored.sort((a, b) => b.s - a.s || Number(fav.has(b.e.brand.id)) - Number(fav.has(a.e.brand.id)) ||
      (a.e.brand.name_ja || '').length - (b.e.brand.name_ja || '').length);
    return { results: scored.slice(0, limit).map((x) => x.e.brand), total: scored.length };
  }

  /** The brand's name in the UI language, with the other language after it when it differs. */
  function brandLabel(b) {
    const main = UI.LANG === 'en' ? b.name_en || b.name_ja : b.name_ja || b.name_en;
    const other = UI.LANG === 'en' ? b.name_ja : b.name_en;
    return { main, other: other && other !== main ? other : '' };
  }

  globalThis.OmamoriCheck = Object.freeze({
    extractUrl, renderResult, indexBrands, search, brandLabel, toHiragana, romajiToHiragana, hiraganaToRomaji,
  });
})();
