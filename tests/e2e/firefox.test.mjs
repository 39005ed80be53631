// Browser end-to-end tests in Debian's Firefox ESR (puppeteer-core, WebDriver BiDi) on the BUILT add-on
// (dist/firefox, installed as a temporary add-on): warn (the tab sent to the extension's warning page, for a page
// and for an address), silent on the official site, report, trust (and undo), a held deceptive link, a page that
// takes over the element name `omamori-guard`, the popup's link check through a redirector, judge the tab (the
// card form in a frame under a page claiming a brand). The warning page is driven by keyboard (Tab / Enter /
// Escape). Firefox has no host-resolver-rules, so it goes through the
// fixture server's HTTP proxy (prefs), which tunnels the fixture hostnames to the local HTTPS server and refuses
// every other host: no traffic leaves loopback. Screenshots go to tests/e2e/out/.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { URLS } from './lib/sites.mjs';
import { withFirefoxPage } from './lib/firefox.mjs';
import { launchFirefox, OUT_DIR, openBrowser, closeBrowser } from './lib/browsers.mjs';
import {
  guardOf, expectNoGuard, valueOf, focusField, waitForUrl, waitForWarning, gotoLoose, sleep, WARNING_PAGE_RE, waitForDanger,
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

  const withPage = (fn) => withFirefoxPage(b, fn);

  it('installs the add-on with its gecko id', T, async () => {
    assert.equal(b.extId, 'omamori@omamori.invalid');
  });

  it('a card page that claims MI Card on an unrelated host: the tab goes to the warning page, which shows the page\'s verdict', T, async () => {
    await withPage(async (page) => {
      await gotoLoose(page, URLS.contentPhish);
      assert.ok(server.requests.some((r) => r.host === 'secure-verify-center.com' && r.via === 'https'),
        'the page came from the local fixture server through the proxy');
      const w = await waitForWarning(page, { timeout: 20_000 });
      assert.ok(w.href.startsWith('moz-extension://'), w.href);
      assert.equal(w.url, URLS.contentPhish);
      assert.equal(w.brand, 'micard');
      assert.match(await page.$eval('.om-asks', (e) => e.textContent), /暗証番号|PIN/);
      await sleep(300);
      await shot(page, 'firefox-warning-page-page-level.png');
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

  it('card PIN + card number with no brand claimed: the warning page', T, async () => {
    await withPage(async (page) => {
      await gotoLoose(page, URLS.pinNoBrand);
      const w = await waitForWarning(page, { timeout: 20_000 });
      assert.equal(w.url, URLS.pinNoBrand);
      assert.equal(w.brand, null);
    });
  });

  it('a page that defines `omamori-guard` itself to take over the warning (ElementInternals): the warning page; nothing typed gets in, nothing trusted', T, async () => {
    await withPage(async (page) => {
      const url = URLS.takeover('predefine');
      const mark = server.requests.length;
      await gotoLoose(page, url, { waitUntil: 'domcontentloaded' });
      // The person clicks what the page shows (「確認して次へ」, if the page could draw it) and types the card number.
      const end = Date.now() + 8_000;
      let at = null;
      while (!at && Date.now() < end) {
        if (WARNING_PAGE_RE.test(await page.evaluate(() => location.href).catch(() => ''))) break;
        at = await page.evaluate(() => window.__lurePoint && window.__lurePoint()).catch(() => null);
        if (!at) await sleep(100);
      }
      if (at) await page.mouse.click(at.x, at.y).catch(() => {});
      await page.click('#card_no').catch(() => {});
      await page.keyboard.type(CARD).catch(() => {});
      const w = await waitForWarning(page, { timeout: 15_000 });
      assert.equal(w.url, url);
      assert.equal(w.brand, 'micard');
      await sleep(500);
      const typed = server.requests.slice(mark).filter((r) => r.path.startsWith('/typed')).map((r) => r.path);
      assert.deepEqual(typed.filter((p) => /v=\d/.test(p)), [], 'nothing typed reached the page');
      // Nothing trusted: the page is sent to the warning page again.
      await gotoLoose(page, url);
      assert.equal((await waitForWarning(page, { timeout: 15_000 })).url, url);
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

  it('report from the warning page, by keyboard: what is sent, and the log in the options page', T, async () => {
    await withPage(async (page) => {
      await gotoLoose(page, URLS.contentPhish);
      await waitForWarning(page, { timeout: 20_000 });
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

  it('trust: "continue anyway" by keyboard on the warning page is remembered for that origin, and undone in the options page', T, async () => {
    await withPage(async (page) => {
      await gotoLoose(page, URLS.contentPhish2);
      await waitForWarning(page, { timeout: 20_000 });
      await sleep(1_100); // a deliberate act: not in the warning page's first second
      // by Tab to "continue anyway" (two from the autofocused "leave"; from the document's start when the window had
      // not taken the focus yet), then Enter
      const onContinue = () => page.evaluate(() => document.activeElement?.dataset?.act === 'continue').catch(() => false);
      for (let i = 0; i < 10 && !(await onContinue()); i++) await page.keyboard.press('Tab');
      assert.ok(await onContinue(), '"continue anyway" is reached by Tab');
      await page.keyboard.press('Enter');
      // (page.url() does not follow moz-extension: pages in Firefox: ask the document where it is)
      const end = Date.now() + 15_000;
      while (Date.now() < end && !(await page.evaluate(() => location.href === 'https://account-verify-support.net/card' && !!document.querySelector('#card_no')).catch(() => false))) await sleep(100);
      await focusField(page, '#card_no');
      await page.keyboard.type('42');
      assert.equal(await valueOf(page, '#card_no'), '42', 'typing works after "continue anyway"');
      await page.reload();
      assert.equal(await expectNoGuard(page, { settle: 1_500 }), null, 'remembered after a reload');
      assert.equal(await page.evaluate(() => location.href), URLS.contentPhish2, 'not sent to the warning page');
      const origin = new URL(URLS.contentPhish2).origin;
      await withPage(async (opt) => {
        await openOptions(opt);
        await opt.waitForSelector('#trusted tbody tr');
        assert.match(await opt.$eval('#trusted', (e) => e.textContent), new RegExp(origin.replace(/\./g, '\\.')));
        await opt.click('#trusted tbody tr button');
        await opt.waitForSelector('#trusted .empty');
      });
      await gotoLoose(page, URLS.contentPhish2);
      await waitForWarning(page, { timeout: 20_000 });
    });
  });

  it('holds a deceptive link in a webmail message (text https://www.micard.co.jp/, href elsewhere): its warning in a new tab', T, async () => {
    await withPage(async (page) => {
      await page.goto(URLS.webmail);
      await page.click('#open-1');
      await page.waitForSelector('#deceptive-text');
      const w = await newTabFrom(() => page.click('#deceptive-text'), /warning\.html\?.*kind=link/);
      const q = new URL(await w.evaluate(() => location.href)).searchParams;
      assert.equal(q.get('url'), 'https://secure-verify-center.com/card');
      assert.equal(q.get('brand'), 'micard');
      assert.equal(await page.evaluate(() => location.href), URLS.webmail, 'the click was held');
      await w.waitForSelector('[data-act="link-stay"]');
      await shot(w, 'firefox-link-held.png');
      await w.bringToFront();
      await w.keyboard.press('Escape').catch(() => {}); // = don't open: the warning's tab closes
      // (puppeteer may still list a closed tab: its document is what is gone)
      const gone = () => w.evaluate(() => document.readyState).then(() => w.isClosed(), () => true);
      const end = Date.now() + 5_000;
      while (Date.now() < end && !(await gone())) await sleep(100);
      assert.ok(await gone(), 'the warning\'s tab closed');
      assert.equal(await page.evaluate(() => location.href), URLS.webmail, 'back on the mail');
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

  it('judge the tab: the top page claims MI Card, the card form is in a frame from a second host → the warning page names the frame', T, async () => {
    await withPage(async (page) => {
      await gotoLoose(page, URLS.frameClaim);
      const seen = await waitForDanger(page, { timeout: 20_000 });
      assert.equal(seen.brand, 'micard', JSON.stringify(seen));
      assert.equal(seen.where, 'warning-page', JSON.stringify(seen));
      assert.equal(seen.frame, URLS.pspForm, 'the warning page names the frame');
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
