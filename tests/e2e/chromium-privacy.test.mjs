// Privacy (Chromium, dist/chrome): while the person browses, the extension sends nothing anywhere. A fresh
// browser records every network request of the session (Playwright reports the requests of pages, of the
// extension's pages and of the extension's service worker); the service worker's own Resource Timing entries are
// read too. Everything the extension fetched must be its own files (chrome-extension://<id>/…), and every request
// of the web pages must go to a host the test itself opened.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { URLS } from './lib/sites.mjs';
import { launchChromium, openBrowser, closeBrowser } from './lib/browsers.mjs';
import { waitForUrl, waitForWarning, gotoLoose, focusField, sleep } from './lib/guard.mjs';
import { waitForVerdict, tabIdOf, heldLinkWarning, until } from './lib/chromium.mjs';

describe('Chromium: nothing is sent anywhere while browsing', { timeout: 200_000 }, () => {
  let server;
  let b;
  const requests = [];
  before(async () => {
    ({ server, b } = await openBrowser(launchChromium));
    b.ctx.on('request', (r) => {
      let frameUrl = null;
      try {
        frameUrl = r.frame()?.url() ?? null;
      } catch { /* a service worker request has no frame */ }
      requests.push({
        url: r.url(), sw: r.serviceWorker()?.url() ?? null, frame: frameUrl, type: r.resourceType(), nav: r.isNavigationRequest(),
      });
    });
    await b.sw.evaluate(() => globalThis.omamori.engineReady.then(() => true));
    // A control: a request the test makes from the service worker must show up in the record.
    await b.sw.evaluate(() => fetch(chrome.runtime.getURL('manifest.json')).then((r) => r.ok));
  });
  after(() => closeBrowser(b, server));

  it('a browsing session: warnings, official sites, typing, a webmail, popup, link check, directory, options', { timeout: 150_000 }, async () => {
    const page = await b.ctx.newPage();
    page.setDefaultTimeout(15_000);
    const opened = new Set();
    const visit = async (url) => {
      opened.add(new URL(url).host);
      await gotoLoose(page, url);
    };
    await visit(URLS.contentPhish);
    await waitForWarning(page);
    await visit(URLS.officialLogin);
    await waitForVerdict(b, URLS.officialLogin);
    await focusField(page, '#loginId');
    await page.keyboard.type('taro1234');
    await visit(URLS.merchant);
    await waitForVerdict(b, URLS.merchant);
    await focusField(page, '#cc-number');
    await page.keyboard.type('4980123412341234');
    await visit(URLS.caution);
    await waitForVerdict(b, URLS.caution);
    await visit(URLS.frameHost);
    opened.add(new URL(URLS.contentPhish).host);
    await sleep(1_000);
    await visit(URLS.webmail);
    await page.click('#open-1');
    const held = await heldLinkWarning(b, page, () => page.click('#deceptive-text'));
    await held.warning.keyboard.press('Escape').catch(() => {}); // (its tab may close before the key is let go)
    await until(() => held.warning.isClosed(), { what: 'the warning\'s tab closed' });
    await visit(URLS.urlLevelPhish);
    await waitForUrl(page, /warning\.html\?/);
    await page.waitForSelector('[data-act="leave"]');
    await visit(URLS.noFields);
    await waitForVerdict(b, URLS.noFields);
    const tabId = await tabIdOf(b, URLS.noFields);

    const ext = await b.ctx.newPage();
    await ext.goto(b.extUrl(`popup/popup.html?tab=${tabId}`));
    await ext.waitForSelector('#main[aria-busy="false"]');
    await ext.fill('#check-input', 'https://micard.co.jp.kwtqq.com/login');
    await ext.click('#check-button');
    await ext.waitForSelector('#check-result .om-result');
    await ext.fill('#dir-search', 'みずほ');
    await ext.waitForSelector('#dir-results li');
    await ext.goto(b.extUrl(`check/check.html?url=${encodeURIComponent('https://bit.ly/3xYz')}`));
    await ext.waitForSelector('body[data-ready="true"]');
    await ext.goto(b.extUrl('options/options.html'));
    await ext.waitForSelector('#trusted');
    await sleep(1_000);

    const base = b.extUrl('');
    const own = (u) => u.startsWith(base) || u.startsWith('data:') || u.startsWith('blob:' + base);
    // 1. The service worker fetched only the extension's own files.
    const sw = requests.filter((r) => r.sw);
    assert.ok(sw.some((r) => r.url.endsWith('/manifest.json')), 'the service worker\'s requests are recorded (control)');
    assert.deepEqual(sw.filter((r) => !own(r.url)).map((r) => r.url), [], 'the service worker contacted nothing outside the extension');
    const timing = await b.sw.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
    assert.deepEqual(timing.filter((u) => !own(u)), [], 'the service worker\'s resource timing lists only its own files');
    // 2. The extension's pages (popup, check, options) fetched only the extension's own files.
    // (A navigation the test starts from a tab showing an extension page is the test's, not the page's.)
    const fromExt = (r) => !r.sw && !r.nav && r.frame && r.frame.startsWith(base);
    const pages = requests.filter(fromExt);
    assert.ok(pages.length > 0);
    assert.deepEqual(pages.filter((r) => !own(r.url)).map((r) => r.url), [], 'the extension\'s pages contacted nothing outside the extension');
    // 3. The web pages' requests went only to the hosts the test opened (a content script phoning home would
    //    show up here: its requests are the page's).
    const web = requests.filter((r) => !r.sw && !fromExt(r) && !own(r.url));
    const strays = web.filter((r) => !opened.has(new URL(r.url).host));
    assert.deepEqual(strays.map((r) => r.url), [], 'no request to a host the test did not open');
    // 4. Nothing the fixture server saw for a host the test did not open carries what was visited or typed.
    const visitedHosts = [...opened];
    const leaks = server.requests.filter((r) => !opened.has(r.host))
      .filter((r) => visitedHosts.some((h) => r.path.includes(h)) || /4980|taro1234|kwtqq/.test(r.path));
    assert.deepEqual(leaks, [], 'no request elsewhere carries visited hosts or typed text');
    await ext.close();
    await page.close();
  });
});
