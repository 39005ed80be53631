// Bad input (Chromium, dist/chrome): odd addresses reach the person as a clear message, and odd frames never break
// the page or the extension. Addresses: data:, blob:, about:blank, file:, javascript:, an IPv6 literal, invalid
// punycode, a 2,000-character host, text without an address. Frames: about:blank written by the page, srcdoc,
// data:, blob:, javascript:, frames removed at once, after a task, while loading, and 40 added and removed in a row.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { URLS } from './lib/sites.mjs';
import { launchChromium, openBrowser, closeBrowser } from './lib/browsers.mjs';
import { valueOf, sleep, gotoLoose, waitForWarning } from './lib/guard.mjs';
import { withPage, until } from './lib/chromium.mjs';

const T = { timeout: 90_000 };
const LONG_HOST = `https://${'a'.repeat(2000)}.example.com/`;
const INVALID = /アドレス\(URL\)を読み取れませんでした/;

describe('Chromium: bad input reaches the person as a clear message and never breaks a page', { timeout: 300_000 }, () => {
  let server;
  let b;
  before(async () => ({ server, b } = await openBrowser(launchChromium)));
  after(() => closeBrowser(b, server));

  it('the check page: every odd address gets a verdict or the plain "could not read an address" message', T, async () => {
    // [input, the levels it may get]: 'invalid' is the message for text that holds no web address.
    const cases = [
      ['data:text/html,<h1>x</h1>', ['invalid']],
      ['about:blank', ['invalid']],
      ['file:///etc/passwd', ['invalid']],
      ['javascript:alert(1)', ['invalid']],
      ['%%%', ['invalid']],
      ['', ['invalid']],
      // blob: carries its page's origin, which is what is judged
      ['blob:https://micard.co.jp.kwtqq.com/3f2a', ['danger']],
      ['https://[::1]/login', ['none', 'caution']],
      ['https://xn--zz.example/', ['invalid', 'none', 'caution']],
      [LONG_HOST, ['none', 'caution']],
      [`https://${'a'.repeat(2000)}.micard.co.jp.kwtqq.com/`, ['danger']],
    ];
    for (const [input, levels] of cases) {
      await withPage(b, async (page) => {
        const errors = [];
        page.on('pageerror', (e) => errors.push(String(e.message)));
        await page.goto(b.extUrl(`check/check.html?url=${encodeURIComponent(input)}`));
        if (input) {
          await page.waitForSelector('body[data-ready="true"]');
        } else {
          // no address given: the page waits for one; submitting nothing changes nothing, a blank one says so
          await page.waitForSelector('body[data-ready="true"]');
          await page.fill('#check-input', '   ');
          await page.fill('#check-input', 'こんにちは');
          await page.click('#check-button');
        }
        const level = await until(() => page.getAttribute('.om-result', 'data-level'), { what: `a result for ${input.slice(0, 60)}` });
        assert.ok(levels.includes(level), `${input.slice(0, 80)}: level ${level}, expected one of ${levels}`);
        const text = (await page.textContent('.om-result')).trim();
        assert.ok(text.length > 5, `${input.slice(0, 60)}: a readable message`);
        if (level === 'invalid') assert.match(text, INVALID);
        assert.deepEqual(errors, [], `${input.slice(0, 60)}: no script error on the check page`);
      });
    }
  });

  it('a page full of odd frames (about:blank, srcdoc, data:, blob:, javascript:, vanishing frames): its form works, nothing is guarded', T, async () => {
    await withPage(b, async (page) => {
      const errors = [];
      page.on('pageerror', (e) => errors.push(String(e.message)));
      page.on('console', (m) => {
        if (m.type() === 'error' && /omamori/i.test(m.text())) errors.push(m.text());
      });
      await page.goto(URLS.oddFrames);
      await until(() => page.evaluate(() => window.__odd.log.includes('churn done')), { what: 'the frame churn to end' });
      await sleep(500);
      // the page's own fields take typing, in the top document and in the about:blank frame it wrote
      await page.click('#name');
      await page.keyboard.type('山田 花子', { delay: 5 });
      assert.equal(await valueOf(page, '#name'), '山田 花子');
      await page.click('#message');
      await page.keyboard.type('予約の変更をお願いします', { delay: 5 });
      assert.equal(await valueOf(page, '#message'), '予約の変更をお願いします');
      const blank = page.frameLocator('#f-blank');
      await blank.locator('#addr').click();
      await page.keyboard.type('東京都', { delay: 5 });
      assert.equal(await blank.locator('#addr').inputValue(), '東京都');
      const srcdoc = page.frameLocator('#f-srcdoc');
      await srcdoc.locator('#tel').click();
      await page.keyboard.type('0312345678', { delay: 5 });
      assert.equal(await srcdoc.locator('#tel').inputValue(), '0312345678');
      // no warning anywhere on the page, and the tab was not sent to the warning page
      const guards = await page.evaluate(() => document.querySelectorAll('omamori-guard').length);
      assert.equal(guards, 0);
      assert.equal(page.url(), URLS.oddFrames);
      assert.deepEqual(await page.evaluate(() => window.__odd.errors), [], 'no error reached the page');
      assert.deepEqual(errors, [], 'no error from the page or the extension');
      // The background came through it all: it still answers, and still warns where it must.
      const v = await b.sw.evaluate(() => globalThis.omamori.checkUrl('https://micard.co.jp.kwtqq.com/'));
      assert.equal(v.level, 'danger');
      const tabs = await b.sw.evaluate(async () => {
        const out = [];
        for (const t of await chrome.tabs.query({})) {
          const st = await globalThis.omamori.tabState(t.id);
          out.push(Object.keys(st.frames).length);
        }
        return out;
      });
      assert.ok(tabs.every((n) => n <= 64), `frames kept per tab are bounded: ${tabs}`);
    });
    await withPage(b, async (page) => {
      await gotoLoose(page, URLS.contentPhish);
      await waitForWarning(page);
    });
  });

  it('links with odd addresses are judged without error: none is held, a deceptive one still is', T, async () => {
    const held = await b.sw.evaluate(async (hrefs) => {
      const out = {};
      for (const [href, shown] of hrefs) {
        try {
          const r = await globalThis.omamori.classifyLink(href, shown);
          out[href.slice(0, 60)] = r ? r.level : null;
        } catch (e) {
          out[href.slice(0, 60)] = `threw ${e.message}`;
        }
      }
      return out;
    }, [
      ['data:text/html,%3Ch1%3Ex%3C/h1%3E', ['www.micard.co.jp']],
      ['javascript:void(0)', []],
      ['about:blank', []],
      ['https://[::1]/login', ['[::1]']],
      ['https://xn--zz.example/', ['xn--zz.example']],
      [LONG_HOST, ['a'.repeat(300) + '.example.com']],
      [`https://example.com/${'p'.repeat(5000)}`, []],
      ['https://micard.co.jp.kwtqq.com/app/login', []],
    ]);
    const got = Object.values(held);
    assert.deepEqual(got.slice(0, -1), [null, null, null, null, null, null, null], JSON.stringify(held));
    assert.equal(got.at(-1), 'danger', 'control: a deceptive link is still held');
    // A click on the page's javascript: link does nothing, and the page stays usable.
    await withPage(b, async (page) => {
      const errors = [];
      page.on('pageerror', (e) => errors.push(String(e.message)));
      await page.goto(URLS.oddFrames);
      await page.click('#l-js');
      await page.click('#name');
      await page.keyboard.type('abc', { delay: 5 });
      assert.equal(await valueOf(page, '#name'), 'abc');
      assert.equal(page.url(), URLS.oddFrames);
      assert.deepEqual(errors, []);
    });
  });
});
