// Checks on the built shell that need no browser (fast): the two locales (same keys, same placeholders, every key
// the code uses present), the message protocol (extension/PROTOCOL.md against the handler tables and the code
// that sends), and the pure functions of shared/check.js (the URL in a pasted SMS text; kana / romaji folding and
// the directory search over the real knowledge base from the built wasm core).
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { DIST_CHROME } from './lib/browsers.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

const locale = (lang) => JSON.parse(readFileSync(path.join(DIST_CHROME, `_locales/${lang}/messages.json`), 'utf8'));
const placeholders = (m) => [...m.message.matchAll(/\$([A-Za-z0-9_]+)\$/g)].map((x) => x[1].toLowerCase()).sort();

function filesUnder(dir, exts) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (name === 'pkg' || name === '_locales') continue;
    if (statSync(p).isDirectory()) out.push(...filesUnder(p, exts));
    else if (exts.some((e) => name.endsWith(e))) out.push(p);
  }
  return out;
}

describe('locales (dist/chrome/_locales)', () => {
  const ja = locale('ja');
  const en = locale('en');

  it('ja and en have the same keys, each with a message and the same placeholders', () => {
    assert.deepEqual(Object.keys(en).sort(), Object.keys(ja).sort());
    for (const k of Object.keys(ja)) {
      assert.ok(ja[k].message && en[k].message, `empty message: ${k}`);
      assert.deepEqual(placeholders(en[k]), placeholders(ja[k]), `placeholders of ${k}`);
      for (const ph of placeholders(ja[k])) {
        assert.ok(ja[k].placeholders?.[ph] && en[k].placeholders?.[ph], `${k}: placeholder ${ph} is declared`);
        assert.equal(ja[k].placeholders[ph].content, en[k].placeholders[ph].content, `${k}: ${ph} takes the same argument`);
      }
    }
    assert.equal(ja.lang.message, 'ja');
    assert.equal(en.lang.message, 'en');
  });

  it('every message key the shell uses exists', () => {
    const used = new Set();
    for (const f of filesUnder(DIST_CHROME, ['.js', '.html', '.json'])) {
      const src = readFileSync(f, 'utf8');
      for (const m of src.matchAll(/\b(?:msg|uiMsg|getMessage|localeText\([^,]+,)\s*\(?\s*'([a-z][a-z0-9_]+)'/g)) used.add(m[1]);
      for (const m of src.matchAll(/data-i18n(?:-placeholder)?="([a-z0-9_]+)"/g)) used.add(m[1]);
      for (const m of src.matchAll(/__MSG_([A-Za-z0-9_]+)__/g)) used.add(m[1]);
      for (const m of src.matchAll(/shellReason\([^)]*?'([a-z_]+)',\s*\[/g)) used.add(m[1]);
    }
    assert.ok(used.size > 100, `found ${used.size} keys in use`);
    const missing = [...used].filter((k) => !k.endsWith('_') && (!(k in ja) || !(k in en)));
    assert.deepEqual(missing, [], 'keys used by the code but missing from a locale');
  });
});

describe('the message protocol (extension/PROTOCOL.md)', () => {
  const read = (...p) => readFileSync(path.join(DIST_CHROME, ...p), 'utf8');
  const sorted = (set) => [...set].sort();

  /** The types of the message literals passed to ask / send / sendWithRetry / sendMessage in src. */
  function typesSent(src) {
    const out = new Set();
    for (const m of src.matchAll(/\b(?:ask|send|sendWithRetry|sendMessage)\(/g)) {
      let depth = 1;
      let i = m.index + m[0].length;
      for (; i < src.length && depth > 0; i++) {
        if (src[i] === '(') depth++;
        else if (src[i] === ')') depth--;
      }
      for (const t of src.slice(m.index, i).matchAll(/\btype:\s*'([a-z-]+)'/g)) out.add(t[1]);
    }
    return out;
  }
  /** The keys of a handler table (`const NAME = {` … `};`) of background/messages.js. */
  function handlerTypes(name) {
    const body = read('background', 'messages.js').match(new RegExp(`^(?:export )?const ${name} = \\{\\n([\\s\\S]*?)\\n\\};`, 'm'));
    assert.ok(body, `${name} in background/messages.js`);
    return new Set([...body[1].matchAll(/^ {2}(?:async )?(?:'([a-z-]+)'|([a-z]+))\(/gm)].map((k) => k[1] || k[2]));
  }
  /** The types of PROTOCOL.md's section whose heading starts with `heading`. */
  function documented(heading) {
    const doc = readFileSync(path.join(REPO, 'extension', 'PROTOCOL.md'), 'utf8');
    const section = doc.split(/^## /m).find((x) => x.startsWith(heading));
    assert.ok(section, `PROTOCOL.md has a section "${heading}"`);
    return new Set([...section.matchAll(/\{type:'([a-z-]+)'/g)].map((t) => t[1]));
  }
  const pageScripts = () => ['popup', 'options', 'report', 'warning', 'check']
    .flatMap((d) => filesUnder(path.join(DIST_CHROME, d), ['.js']).map((f) => readFileSync(f, 'utf8'))).join('\n');
  const backgroundModules = () => filesUnder(path.join(DIST_CHROME, 'background'), ['.js']).map((f) => readFileSync(f, 'utf8')).join('\n');

  it('content script → background: every type sent is answered by FROM_CONTENT and documented, and no other', () => {
    const sent = typesSent(read('content', 'content.js'));
    assert.ok(sent.has('check') && sent.has('check-links'), `found ${sorted(sent)}`);
    assert.deepEqual(sorted(handlerTypes('FROM_CONTENT')), sorted(sent), 'FROM_CONTENT against what the content script sends');
    assert.deepEqual(sorted(documented('Content script → background')), sorted(sent), 'PROTOCOL.md against what the content script sends');
  });

  it('extension pages → background: every type sent is answered by FROM_PAGES and documented, and no other', () => {
    const sent = typesSent(pageScripts());
    assert.ok(sent.has('tab-state') && sent.has('report-sent'), `found ${sorted(sent)}`);
    assert.deepEqual(sorted(handlerTypes('FROM_PAGES')), sorted(sent), 'FROM_PAGES against what the pages send');
    assert.deepEqual(sorted(documented('Extension pages → background')), sorted(sent), 'PROTOCOL.md against what the pages send');
  });

  it('background → content script: every type sent is handled by the content script and documented', () => {
    const sent = typesSent(backgroundModules());
    const handled = new Set([...read('content', 'content.js').matchAll(/\bm\.type === '([a-z-]+)'/g)].map((t) => t[1]));
    assert.ok(sent.has('recheck'), `found ${sorted(sent)}`);
    assert.deepEqual(sorted(handled), sorted(sent), 'what the content script handles against what the background sends');
    assert.deepEqual(sorted(documented('Background → content script')), sorted(sent), 'PROTOCOL.md against what the background sends');
  });
});

describe('shared/check.js: the URL in a pasted text, and the directory search', () => {
  let C;
  let index;
  before(async () => {
    const ctx = { URL, OmamoriUI: { msg: (k) => k, h: () => null, LANG: 'ja', pick: (o) => o?.ja } };
    vm.createContext(ctx);
    vm.runInContext(readFileSync(path.join(DIST_CHROME, 'shared/check.js'), 'utf8'), ctx);
    C = ctx.OmamoriCheck;
    const pkg = path.join(DIST_CHROME, 'pkg');
    const mod = await import(pathToFileURL(path.join(pkg, 'omamori.js')).href);
    mod.initSync({ module: readFileSync(path.join(pkg, 'omamori_bg.wasm')) });
    index = C.indexBrands(new mod.Engine().brands());
  });

  it('finds the URL in an SMS or a mail, with or without https://, full-width or defanged', () => {
    const cases = [
      ['【エムアイカード】ご利用確認のお願い https://micard.co.jp.kwtqq.com/login?id=1 ご確認ください', 'https://micard.co.jp.kwtqq.com/login?id=1'],
      ['お荷物のお届けにあがりましたが不在の為持ち帰りました。sagawa-exp.duckdns.org', 'https://sagawa-exp.duckdns.org/'],
      ['ｈｔｔｐｓ：／／ｗｗｗ．ｍｉｃａｒｄ．ｃｏ．ｊｐ／', 'https://www.micard.co.jp/'],
      ['hxxps://evil[.]example/x', 'https://evil.example/x'],
      ['「https://www.micard.co.jp/」からログイン', 'https://www.micard.co.jp/'],
      // a link through an official redirector: the whole link (the engine reads its destination)
      ['【三井住友カード】ご利用確認 https://www.google.com/url?q=https://smbc-card.com.kjsd.cn/&sa=D 至急ご確認ください',
        'https://www.google.com/url?q=https://smbc-card.com.kjsd.cn/&sa=D'],
      ['こんにちは', null],
      ['info@micard.co.jp にご返信ください', null],
    ];
    for (const [text, url] of cases) assert.equal(C.extractUrl(text), url, text);
  });

  it('folds kana and romaji', () => {
    assert.equal(C.toHiragana('ミズホ'), 'みずほ');
    assert.equal(C.romajiToHiragana('mizuho'), 'みずほ');
    assert.equal(C.romajiToHiragana('shinbun'), 'しんぶん');
    assert.equal(C.romajiToHiragana('kinnyuu'), 'きんゆう');
    assert.equal(C.romajiToHiragana('gakkou'), 'がっこう');
    assert.equal(C.romajiToHiragana('xyz1'), null);
    assert.equal(C.hiraganaToRomaji('きょうと'), 'kyouto');
    assert.equal(C.hiraganaToRomaji('がっこう'), 'gakkou');
  });

  it('searches the knowledge base in kanji, hiragana, katakana, half-width kana, romaji and English', () => {
    const first = (q) => C.search(index, q).results[0]?.id;
    for (const q of ['みずほ', 'ミズホ', 'ﾐｽﾞﾎ', 'mizuho', 'ｍｉｚｕｈｏ', 'Mizuho Bank', 'みずほ銀行', 'mizuhobank.co.jp']) {
      assert.equal(first(q), 'mizuho_bank', q);
    }
    for (const [q, id] of [['えむあいかーど', 'micard'], ['MI CARD', 'micard'], ['ゆうちょ', 'japanpost'], ['yucho', 'japanpost'],
      ['きょうと', 'kyoto_bank'], ['kyoto', 'kyoto_bank'], ['さがわ', 'sagawa'], ['くろねこ', 'yamato'], ['ジェーシービー', 'jcb'],
      ['eposu', 'epos'], ['三井住友カード', 'smbc_card'], ['amazon', 'amazon'], ['らくてんかーど', 'rakuten_card'],
      ['にちぎん', 'boj'], ['日銀', 'boj'], ['そうむしょう', 'soumu'], ['ぷらら', 'plala']]) {
      assert.equal(first(q), id, q);
    }
    assert.equal(C.search(index, '').results.length, 0);
    assert.equal(C.search(index, 'zzzzqqq').total, 0);
    assert.deepEqual([...C.search(index, 'みずほ', { favorites: ['mizuho_sec'] }).results.map((b) => b.id).slice(0, 2)],
      ['mizuho_sec', 'mizuho_bank'], 'among equally good matches, a pinned favourite comes first');
    assert.equal(C.search(index, 'みずほ銀行', { favorites: ['mizuho_sec'] }).results[0].id, 'mizuho_bank', 'a better match still wins');
  });
});

describe('scripts/strip-comments.mjs: what ships carries no comments, and runs as the source does', () => {
  // [source, what it must become]
  const CASES = [
    ['const a = 1; // one\nconst b = 2;\n', 'const a = 1;\nconst b = 2;\n'],
    ['/* head */\nlet x = 1;\n', 'let x = 1;\n'],
    ["const s = '// not a comment', t = \"/* nor this */\";\n", "const s = '// not a comment', t = \"/* nor this */\";\n"],
    ['const r = /\\/\\/ x/g; const u = `a ${1 /* in */} // b`;\n', 'const r = /\\/\\/ x/g; const u = `a ${1  } // b`;\n'],
    ['const c = a/**/+b;\n', 'const c = a +b;\n'],
    ['function f() {\n  return /*\n */ 1;\n}\n', 'function f() {\n  return\n 1;\n}\n'],
    ['import x from "./y.js"; /** doc */\nexport default x;\n', 'import x from "./y.js";\nexport default x;\n'],
  ];
  let stripComments;
  before(async () => ({ stripComments } = await import(pathToFileURL(path.join(REPO, 'scripts', 'strip-comments.mjs')).href)));

  it('takes out line and block comments, never text in strings, templates or regular expressions', () => {
    for (const [src, want] of CASES) assert.equal(stripComments(src), want, src);
  });

  it('a comment holding a line break stays one (a return before it still returns undefined)', () => {
    const src = CASES.find(([s]) => s.startsWith('function f'))[0];
    assert.equal(vm.runInNewContext(`${src}; f()`), undefined);
    assert.equal(vm.runInNewContext(`${stripComments(src)}; f()`), undefined);
  });

  it('refuses what does not parse', () => {
    assert.throws(() => stripComments('const = ;'));
  });
});
