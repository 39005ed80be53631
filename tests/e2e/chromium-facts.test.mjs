// The page facts the content script reads (Chromium, dist/chrome), as the service worker receives them: a page
// (facts-shapes.html) with every shape each fact is read from. Each fact is read with several one-selector
// queries merged in document order (a selector list takes Blink's slow path), so this pins that the merge gives
// what one selector-list query gave: the same elements, in document order, each once, within the same bounds.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { URLS } from './lib/sites.mjs';
import { launchChromium, openBrowser, closeBrowser } from './lib/browsers.mjs';
import { withPage, until } from './lib/chromium.mjs';

const T = { timeout: 60_000 };

describe('Chromium: the page facts the content script reads', { timeout: 180_000 }, () => {
  let server;
  let b;
  before(async () => ({ server, b } = await openBrowser(launchChromium)));
  after(() => closeBrowser(b, server));

  /** Loads url and returns the facts of its first page check (not the URL-only check) as the worker got them. */
  async function factsOf(url) {
    // a listener of the test's own beside the background's: it records and answers nothing
    await b.sw.evaluate((url) => {
      globalThis.__factsSeen = [];
      if (!globalThis.__factsListener) {
        globalThis.__factsListener = (m) => {
          if (m && m.type === 'check' && m.facts && Array.isArray(m.facts.inputs) && m.facts.title !== undefined) {
            globalThis.__factsSeen.push(m.facts);
          }
        };
        chrome.runtime.onMessage.addListener(globalThis.__factsListener);
      }
      globalThis.__factsUrl = url;
    }, url);
    return withPage(b, async (page) => {
      await page.goto(url);
      return until(() => b.sw.evaluate(() => globalThis.__factsSeen.find((f) => f.url === globalThis.__factsUrl)),
        { what: `the page facts of ${url}` });
    });
  }

  it('every fact of facts-shapes.html, in document order, within its bounds', T, async () => {
    const f = await factsOf(URLS.factsShapes);
    const origin = new URL(URLS.factsShapes).origin;
    assert.equal(f.title, '利用者登録 | さくら町立図書館');
    // meta[property="og:site_name" i], meta[name="og:site_name" i]
    assert.equal(f.site_name, 'さくら町立図書館');
    // h1, h2, h3 in document order (not by rank)
    assert.deepEqual(f.headings, ['お知らせ', '利用者登録', 'ご登録']);
    // img[alt], img[title], input[type=image][alt], svg title, [role=img][aria-label]: the logo first, then in
    // document order; an <img> with none of them is not read, and an <img> matched through role=img is read once
    assert.deepEqual(f.image_alts, ['さくら町立図書館 ロゴ', '貸出カード見本', '図書館のマーク', '地図', '開館カレンダー', '送信する']);
    // input, select, textarea in document order; hidden and image inputs are not facts
    assert.deepEqual(f.inputs.map((i) => [i.tag, i.name]), [
      ['input', 'name'], ['select', 'pref'], ['textarea', 'memo'], ['input', 'mail'], ['input', 'q'],
    ]);
    const [name, pref, memo, mail, q] = f.inputs;
    assert.equal(name.label, 'お名前');
    assert.equal(name.autocomplete, 'name');
    assert.equal(name.form_action, `${origin}/register`);
    assert.equal(pref.context, 'お住まいの地域');
    assert.equal(memo.aria_label, 'ご要望');
    assert.equal(mail.type, 'email');
    assert.equal(mail.placeholder, 'メールアドレス');
    assert.equal(mail.maxlength, 80);
    assert.equal(q.type, 'search');
    assert.deepEqual(f.form_actions, [`${origin}/register`, `${origin}/search`]);
    // link[rel~=icon i], link[rel~=apple-touch-icon i], link[rel~=stylesheet i] (with href), img[src],
    // script[src]: in document order, http(s) only, each once; a preload link is not a resource
    assert.deepEqual(f.resource_urls, [
      `${origin}/favicon.ico`, 'https://cdn.sakura-toshokan.jp/style.css', `${origin}/assets/app.js`,
      `${origin}/assets/logo.png`, `${origin}/assets/deco.png`, `${origin}/assets/card.png`, `${origin}/assets/mark.png`,
    ]);
    assert.match(f.footer_text, /^© さくら町立図書館/);
    assert.match(f.text, /利用者登録/);
  });

  it('a page of 5,000 fields: the first 500 in document order, with their labels', T, async () => {
    // the same merge over thousands of elements, and the label map's bound (the first 1,000 <label>s)
    const html = ['<!DOCTYPE html><html lang="ja"><meta charset="utf-8"><title>大きなフォーム</title><form action="/post">'];
    for (let i = 0; i < 5000; i++) {
      const tag = i % 3 === 2 ? `<textarea id="f${i}" name="f${i}"></textarea>` : `<input id="f${i}" name="f${i}">`;
      html.push(`<p><label for="f${i}">項目${i}</label>${tag}</p>`);
    }
    html.push('</form><p class="Page-Copyright">© 大きなフォーム制作室</p></html>');
    await b.ctx.route('https://www.kurashi-recipe.jp/many-fields', (route) =>
      route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html.join('') }));
    const f = await factsOf('https://www.kurashi-recipe.jp/many-fields');
    assert.equal(f.inputs.length, 500);
    f.inputs.forEach((inp, i) => {
      assert.equal(inp.name, `f${i}`, `field ${i} in document order`);
      assert.equal(inp.tag, i % 3 === 2 ? 'textarea' : 'input');
      assert.equal(inp.label, `項目${i}`, `field ${i} has its label`);
    });
    // no footer element: an element whose class says "copyright" is the footer
    assert.equal(f.footer_text, '© 大きなフォーム制作室');
  });
});
