// The English UI (Chromium started with LANGUAGE=en; Debian's chromium-l10n is not needed for English): the
// warning page (of a page, of an address, of a held link), the popup, the report page and the directory read in English.
// Screenshots en-*.png go to tests/e2e/out/ (the ja-*.png ones come from chromium-ui / chromium-links).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { URLS } from './lib/sites.mjs';
import { launchChromium, openBrowser, closeBrowser } from './lib/browsers.mjs';
import { waitForUrl, waitForWarning, gotoLoose, sleep } from './lib/guard.mjs';
import { axSummary } from './lib/cdp.mjs';
import { shot, withPage, waitForVerdict, openPopup, newPageFrom, tabIdOf, heldLinkWarning, until } from './lib/chromium.mjs';

const T = { timeout: 60_000 };

describe('Chromium: English UI', { timeout: 300_000 }, () => {
  let server;
  let b;
  before(async () => ({ server, b } = await openBrowser(launchChromium, { lang: 'en' })));
  after(() => closeBrowser(b, server));

  it('the extension speaks English', T, async () => {
    assert.equal(await b.sw.evaluate(() => chrome.i18n.getMessage('lang')), 'en');
  });

  it('the warning page of a page, its popup and the report page in English (screenshots)', T, async () => {
    await withPage(b, async (page) => {
      await gotoLoose(page, URLS.contentPhish);
      await waitForWarning(page);
      await sleep(400);
      const cdp = await b.ctx.newCDPSession(page);
      try {
        const ax = await axSummary(cdp);
        assert.equal(ax.dialogs[0]?.name, 'This may be a fake site pretending to be MI Card');
        assert.match(ax.focused?.name ?? '', /^Leave this page/);
      } finally {
        await cdp.detach().catch(() => {});
      }
      assert.match(await page.textContent('.om-asks'), /card number/i);
      await shot(page, 'en-warning-page-page-level.png');
      const popup = await b.ctx.newPage();
      await popup.setViewportSize({ width: 380, height: 760 });
      await openPopup(b, await tabIdOf(b, page.url()), popup);
      assert.equal(await popup.textContent('#st-title'), 'Stopped a fake site pretending to be MI Card');
      assert.equal(await popup.textContent('#check-h'), 'Check a link');
      await shot(popup, 'en-popup-danger.png', { fullPage: true });
      await popup.close();
      const report = await newPageFrom(b, () => page.click('[data-act="report"]'), /report\/report\.html/);
      await report.waitForSelector('body[data-ready="true"]');
      assert.equal(await report.textContent('#page-title'), 'Report this site');
      const body = decodeURIComponent((await report.getAttribute('#mail-link', 'href')).split('&body=')[1]);
      assert.match(body, /^フィッシング対策協議会 御中/, 'the mail to the Council is in Japanese');
      assert.match(body, /\n----\nTo the Council of Anti-Phishing Japan,/, 'followed by an English copy');
      assert.match(body, /Appears to impersonate: MI Card/);
      await shot(report, 'en-report.png', { fullPage: true });
      await report.close();
    });
    await withPage(b, async (page) => {
      await page.goto(URLS.officialLogin);
      const v = await waitForVerdict(b, URLS.officialLogin);
      const popup = await b.ctx.newPage();
      await popup.setViewportSize({ width: 380, height: 760 });
      await openPopup(b, v.tabId, popup);
      assert.equal(await popup.textContent('#st-title'), 'Official site: MI Card');
      await shot(popup, 'en-popup-safe.png', { fullPage: true });
      await popup.close();
    });
  });

  it('warning page in English (screenshot)', T, async () => {
    await withPage(b, async (page) => {
      await gotoLoose(page, URLS.urlLevelPhish);
      await waitForUrl(page, /warning\.html\?/);
      await page.waitForSelector('[data-act="leave"]');
      assert.equal(await page.textContent('h1'), 'This may be a fake site pretending to be MI Card');
      assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
      await sleep(300);
      await shot(page, 'en-warning-page.png');
    });
  });

  it('a held link and the directory in English', T, async () => {
    await withPage(b, async (page) => {
      await page.goto(URLS.webmail);
      await page.click('#open-1');
      const held = await heldLinkWarning(b, page, () => page.click('#deceptive-text'));
      assert.equal(await held.warning.textContent('h1'), 'This link does not go where it says');
      assert.equal(await held.warning.evaluate(() => document.documentElement.lang), 'en');
      await sleep(300);
      await shot(held.warning, 'en-link-held.png');
      await held.warning.keyboard.press('Escape').catch(() => {});
      await until(() => held.warning.isClosed(), { what: 'the warning\'s tab closed' });
      const tabId = await tabIdOf(b, URLS.webmail);
      const popup = await b.ctx.newPage();
      await popup.setViewportSize({ width: 380, height: 900 });
      await popup.goto(b.extUrl(`popup/popup.html?tab=${tabId}`));
      for (const q of ['mizuho', 'Mizuho Bank', 'みずほ', 'ミズホ']) {
        await popup.fill('#dir-search', q);
        const first = await popup.waitForSelector('#dir-results li');
        assert.equal(await first.getAttribute('data-brand-id'), 'mizuho_bank', q);
        assert.equal(await popup.textContent('#dir-results li .dir-main'), 'Mizuho Bank', 'the English name first');
        assert.equal(await popup.textContent('#dir-results li .dir-other'), 'みずほ銀行', 'then the Japanese one');
      }
      await popup.fill('#check-input', 'https://micard.co.jp.kwtqq.com/');
      await popup.click('#check-button');
      await popup.waitForSelector('#check-result .om-result');
      assert.equal(await popup.textContent('#check-result .om-result-title'), 'This may be a fake site pretending to be MI Card');
      await shot(popup, 'en-popup-check-directory.png', { fullPage: true });
      // issue 17: the route in English (through which platform, where it really leads; someone's form)
      const route = async (text) => {
        await popup.evaluate(() => document.getElementById('check-result').replaceChildren());
        await popup.fill('#check-input', text);
        await popup.click('#check-button');
        await popup.waitForSelector('#check-result .om-result');
        return popup.$$eval('#check-result .om-route', (ps) => ps.map((p) => p.textContent));
      };
      assert.deepEqual(await route('https://www.google.com/url?q=https://smbc-card.com.kjsd.cn/'),
        ['This link goes through Google to smbc-card.com.kjsd.cn.']);
      assert.deepEqual(await route('https://kjhsdfq-cn.translate.goog/?_x_tr_sl=auto'), ['This shows kjhsdfq.cn through Google Translate.']);
      assert.deepEqual(await route('https://www.smbc-card.com@evil-login.cn/'),
        ['www.smbc-card.com before the “@” (Sumitomo Mitsui Card’s official domain) is decoration: the real host is evil-login.cn, after the “@”.']);
      await route('https://docs.google.com/forms/d/e/1FAIpQLSc0/viewform');
      assert.equal(await popup.textContent('#check-result .om-result-title'), 'A link to a page someone made on Google Forms');
      await shot(popup, 'en-popup-check-user-content.png', { fullPage: true });
      await popup.close();
    });
  });
});
