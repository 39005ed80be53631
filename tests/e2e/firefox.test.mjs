// Browser end-to-end tests in Debian's Firefox ESR (puppeteer-core, WebDriver BiDi) on the BUILT add-on
// (dist/firefox, installed as a temporary add-on): warn, silent on the official site, report, trust (and undo),
// URL-level block, a held deceptive link, the popup's link check through a redirector. The in-page warning is
// driven by keyboard (Tab / Enter / Escape), as its closed shadow root is out of the automation's reach in Firefox. Firefox has no host-resolver-rules, so it goes through the
// fixture server's HTTP proxy (prefs), which tunnels the fixture hostnames to the local HTTPS server and refuses
// every other host: no traffic leaves loopback. Screenshots go to tests/e2e/out/.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { URLS } from './lib/sites.mjs';
import { launchFirefox, OUT_DIR, openBrowser, closeBrowser } from './lib/browsers.mjs';
import {
  guardOf, waitForGuard, expectNoGuard, valueOf, focusField, waitForUrl, gotoLoose, sleep, waitForDanger,
} from './lib/guard.mjs';

mkdirSync(OUT_DIR, { recursive: true });
const shot = (page, name) => page.screenshot({ path: path.join(OUT_DIR, name) }).catch(() => {});
const CARD = '4980123412341234';
const T = { timeout: 60_000 };

describe('Firefox ESR: dist/firefox', { timeout: 300_000 }, () => {
  let server;
  let b;
  before(async () => ({ server, b } = await openBrowser(launchFirefox, { timeout: 90_000 })));
  after(() => closeBrowser(b, server));

  async function withPage(fn) {
    const page = await b.browser.newPage();
    page.setDefaultTimeout(15_000);
    page.setDefaultNavigationTimeout(20_000);
    try {
      return await fn(page);
    } finally {
      await page.close().catch(() => {});
    }
  }

  it('installs the add-on with its gecko id', T, async () => {
    assert.equal(b.extId, 'omamori@omamori.invalid');
  });

  it('warns on a card page that claims MI Card on an unrelated host, and blocks typing', T, async () => {
    await withPage(async (page) => {
      await page.goto(URLS.contentPhish);
      assert.ok(server.requests.some((r) => r.host === 'secure-verify-center.com' && r.via === 'https'),
        'the page came from the local fixture server through the proxy');
      const g = await waitForGuard(page, { level: 'danger', timeout: 20_000 });
      assert.equal(g.brand, 'micard');
      await sleep(300);
      await shot(page, 'firefox-danger-inpage.png');
      await focusField(page, '#card_no');
      await page.keyboard.type(CARD);
      assert.equal(await valueOf(page, '#card_no'), '', 'typed card number must not reach the field');
    });
  });

  it('stays silent on MI Card\'s official login page, and typing works', T, async () => {
    await withPage(async (page) => {
      await page.goto(URLS.officialLogin);
      assert.equal(await expectNoGuard(page, { settle: 1_500 }), null);
      await focusField(page, '#loginId');
      await page.keyboard.type('taro1234');
      assert.equal(await valueOf(page, '#loginId'), 'taro1234');
      await shot(page, 'firefox-official-login.png');
    });
  });

  it('warns on card PIN + card number with no brand claimed', T, async () => {
    await withPage(async (page) => {
      await page.goto(URLS.pinNoBrand);
      await waitForGuard(page, { level: 'danger', timeout: 20_000 });
      await focusField(page, '#pin');
      await page.keyboard.type('1234');
      assert.equal(await valueOf(page, '#pin'), '');
    });
  });

  /** The page (tab) whose document URL matches re, opened by whatever fn does. */
  async function newTabFrom(fn, re, timeout = 15_000) {
    const before = new Set(await b.browser.pages());
    await fn();
    const end = Date.now() + timeout;
    while (Date.now() < end) {
      for (const p of await b.browser.pages()) {
        if (before.has(p)) continue;
        const href = await p.evaluate(() => location.href).catch(() => p.url());
        if (re.test(href)) return p;
      }
      await sleep(150);
    }
    throw new Error(`no new tab matching ${re}`);
  }

  /**
   * The options page in `page`. WebDriver BiDi may not navigate to moz-extension: URLs, but an extension page may:
   * the tab is sent to the warning page (URL-level block), which then opens the options page.
   */
  async function openOptions(page) {
    await gotoLoose(page, URLS.urlLevelPhish);
    await waitForUrl(page, /^moz-extension:.*warning\.html\?/);
    await page.evaluate(() => { location.href = '/options/options.html'; });
    await waitForUrl(page, /^moz-extension:.*options\/options\.html$/);
    await page.waitForSelector('#trusted');
  }

  it('report from the in-page warning, by keyboard: what is sent, and the log in the options page', T, async () => {
    await withPage(async (page) => {
      await page.goto(URLS.contentPhish);
      await waitForGuard(page, { level: 'danger', timeout: 20_000 });
      await sleep(300);
      // The focus is on "leave"; Tab moves to "report"; Enter presses it.
      await page.keyboard.press('Tab');
      const report = await newTabFrom(() => page.keyboard.press('Enter'), /report\/report\.html\?id=/);
      try {
        await report.waitForSelector('body[data-ready="true"]');
        assert.equal(await report.$eval('#report-url', (e) => e.textContent), URLS.contentPhish);
        const mailto = await report.$eval('#mail-link', (e) => e.getAttribute('href'));
        assert.match(mailto, /^mailto:info@antiphishing\.jp\?subject=/);
        const body = decodeURIComponent(mailto.split('&body=')[1]);
        assert.ok(body.includes(URLS.contentPhish) && body.includes('エムアイカード'), body);
        assert.equal(new URL(await report.$eval('#sb-button', (e) => e.dataset.href)).searchParams.get('url'), URLS.contentPhish);
        await shot(report, 'firefox-report.png');
        // Safe Browsing (the proxy refuses the host: nothing leaves the machine); the report is logged.
        await report.click('#sb-button');
        await report.waitForFunction(() => /報告を記録しました|report has been logged/i.test(document.getElementById('report-status').textContent));
      } finally {
        await report.close().catch(() => {});
      }
      for (const p of await b.browser.pages()) {
        if (/safebrowsing/.test(p.url())) await p.close().catch(() => {});
      }
    });
    await withPage(async (opt) => {
      await openOptions(opt);
      await opt.waitForSelector('#reports tbody tr');
      assert.match(await opt.$eval('#reports', (e) => e.textContent), /secure-verify-center\.com/);
    });
  });

  it('trust: "continue anyway" by keyboard is remembered for that origin, and undone in the options page', T, async () => {
    await withPage(async (page) => {
      await page.goto(URLS.contentPhish2);
      await waitForGuard(page, { level: 'danger', timeout: 20_000 });
      await sleep(300);
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter'); // "continue anyway"
      const end = Date.now() + 10_000;
      while ((await guardOf(page)) && Date.now() < end) await sleep(100);
      assert.equal(await guardOf(page), null, 'the guard is gone after "continue anyway"');
      await focusField(page, '#card_no');
      await page.keyboard.type('42');
      assert.equal(await valueOf(page, '#card_no'), '42', 'typing works after "continue anyway"');
      await page.reload();
      assert.equal(await expectNoGuard(page, { settle: 1_500 }), null, 'remembered after a reload');
      const origin = new URL(URLS.contentPhish2).origin;
      await withPage(async (opt) => {
        await openOptions(opt);
        await opt.waitForSelector('#trusted tbody tr');
        assert.match(await opt.$eval('#trusted', (e) => e.textContent), new RegExp(origin.replace(/\./g, '\\.')));
        await opt.click('#trusted tbody tr button');
        await opt.waitForSelector('#trusted .empty');
      });
      await page.reload();
      await waitForGuard(page, { level: 'danger', timeout: 20_000 });
    });
  });

  it('holds a deceptive link in a webmail message (text https://www.micard.co.jp/, href elsewhere)', T, async () => {
    await withPage(async (page) => {
      await page.goto(URLS.webmail);
      await page.click('#open-1');
      await page.waitForSelector('#deceptive-text');
      await page.click('#deceptive-text');
      const g = await waitForGuard(page, { level: 'danger', timeout: 10_000 });
      assert.equal(g.brand, 'micard');
      assert.equal(await page.evaluate(() => document.querySelector('omamori-guard').dataset.kind), 'link');
      assert.equal(await page.evaluate(() => location.href), URLS.webmail, 'the click was held');
      await shot(page, 'firefox-link-held.png');
      await page.keyboard.press('Escape'); // = don't open
      const end = Date.now() + 5_000;
      while ((await guardOf(page)) && Date.now() < end) await sleep(100);
      assert.equal(await guardOf(page), null);
    });
  });

  it('the context menu item "このリンクを確認" exists, and the check page judges a link', T, async () => {
    await withPage(async (page) => {
      await gotoLoose(page, URLS.urlLevelPhish);
      await waitForUrl(page, /^moz-extension:.*warning\.html\?/);
      // From an extension page: menus.update() resolves only for an existing item.
      const menu = await page.evaluate(() => (browser.menus || browser.contextMenus).update('omamori-check-link', {}).then(() => 'ok', (e) => e.message));
      assert.equal(menu, 'ok');
      const none = await page.evaluate(() => (browser.menus || browser.contextMenus).update('no-such-item', {}).then(() => 'ok', () => 'missing'));
      assert.equal(none, 'missing', 'control: update() fails for an item that does not exist');
      await page.evaluate((u) => { location.href = '/check/check.html?url=' + encodeURIComponent(u); }, URLS.urlLevelPhish);
      await waitForUrl(page, /^moz-extension:.*check\/check\.html\?url=/);
      await page.waitForSelector('body[data-ready="true"]');
      assert.equal(await page.$eval('.om-result', (e) => e.dataset.level), 'danger');
      assert.equal(await page.$eval('.om-host strong', (e) => e.textContent), 'kwtqq.com');
    });
  });

  it('the popup\'s link check follows a Google redirector to its destination and names both (issue 17)', T, async () => {
    await withPage(async (page) => {
      await gotoLoose(page, URLS.urlLevelPhish);
      await waitForUrl(page, /^moz-extension:.*warning\.html\?/);
      // the popup as a page, reached from an extension page (WebDriver BiDi may not open moz-extension: URLs itself)
      await page.evaluate(() => { location.href = '/popup/popup.html'; });
      await waitForUrl(page, /^moz-extension:.*popup\/popup\.html/);
      await page.waitForSelector('#check-input');
      const check = async (text) => {
        await page.evaluate(() => document.getElementById('check-result').replaceChildren());
        await page.$eval('#check-input', (e, t) => { e.value = t; }, text);
        await page.click('#check-button');
        await page.waitForSelector('#check-result .om-result');
        return page.$eval('#check-result .om-result', (r) => ({
          level: r.dataset.level, brand: r.dataset.brand,
          routes: [...r.querySelectorAll('.om-route')].map((p) => ({ route: p.dataset.route, text: p.textContent,
            strong: [...p.querySelectorAll('strong')].map((x) => x.textContent) })),
        }));
      };
      const r = await check('【三井住友カード】ご利用確認 https://www.google.com/url?q=https://smbc-card.com.kjsd.cn/&sa=D 至急ご確認ください');
      assert.equal(r.level, 'danger');
      assert.equal(r.brand, 'smbc_card');
      assert.equal(r.routes[0]?.route, 'redirect', JSON.stringify(r));
      assert.match(r.routes[0].text, /Google.*smbc-card\.com\.kjsd\.cn/);
      assert.deepEqual(r.routes[0].strong, ['kjsd.cn']);
      await shot(page, 'firefox-popup-check-redirect.png');
      const at = await check('https://www.smbc-card.com@evil-login.cn/');
      assert.equal(at.level, 'danger');
      assert.equal(at.routes[0]?.route, 'userinfo', JSON.stringify(at));
      assert.deepEqual(at.routes[0].strong, ['evil-login.cn']);
    });
  });

  /** The payment form's frame in the page (once its card field exists). */
  async function formFrame(page) {
    const end = Date.now() + 15_000;
    while (Date.now() < end) {
      const f = page.frames().find((x) => x.url() === URLS.pspForm);
      if (f && (await f.$('#cc-number').catch(() => null))) return f;
      await sleep(100);
    }
    throw new Error('no payment form frame');
  }

  it('judge the tab: the top page claims MI Card, the card form is in a frame from a second host → danger, typing blocked', T, async () => {
    await withPage(async (page) => {
      await page.goto(URLS.frameClaim);
      const frame = await formFrame(page);
      const seen = await waitForDanger(page, { frame, timeout: 20_000 });
      assert.equal(seen.brand, 'micard', JSON.stringify(seen));
      if (seen.where === 'warning-page') {
        assert.equal(seen.frame, URLS.pspForm, 'the warning page names the frame');
      } else {
        await shot(page, 'firefox-frame-claim.png');
        await frame.evaluate(() => document.querySelector('#cc-number').focus());
        await page.keyboard.type(CARD);
        assert.equal(await valueOf(frame, '#cc-number'), '', 'typed card number must not reach the frame\'s field');
      }
    });
  });

  it('judge the tab: the same card frame under a shop that claims no brand stays silent, and typing works', T, async () => {
    await withPage(async (page) => {
      await page.goto(URLS.merchantPsp);
      const frame = await formFrame(page);
      assert.equal(await expectNoGuard(frame, { settle: 2_500 }), null);
      assert.equal(await guardOf(page), null);
      await frame.evaluate(() => document.querySelector('#cc-number').focus());
      await page.keyboard.type(CARD);
      assert.equal(await valueOf(frame, '#cc-number'), CARD, 'the same keys reach the field where nothing is wrong');
    });
  });

  it('sends a URL that embeds the official domain to the warning page', T, async () => {
    await withPage(async (page) => {
      await gotoLoose(page, URLS.urlLevelPhish);
      let url;
      try {
        url = await waitForUrl(page, /warning\.html\?/, { timeout: 15_000 });
      } catch (e) {
        const g = await guardOf(page).catch(() => null);
        throw new Error(`${e.message}; in-page guard: ${JSON.stringify(g)} (expected the URL-level block)`);
      }
      const u = new URL(url);
      assert.equal(u.protocol, 'moz-extension:');
      assert.equal(u.searchParams.get('url'), URLS.urlLevelPhish);
      assert.equal(u.searchParams.get('brand'), 'micard');
      await sleep(500);
      await shot(page, 'firefox-warning-page.png');
    });
  });
});
