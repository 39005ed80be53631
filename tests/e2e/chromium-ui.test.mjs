// What people see and do, in Chromium (dist/chrome, Japanese UI): the toolbar badge per level, the popup's plain
// words and actions, the report flow (from the warning page of a page and of an address, and the popup; exactly what is
// sent; never anything typed; the local log with export and delete; a reported site warned on from then on),
// trusting and un-trusting (popup, options), "this warning is wrong", keyboard and screen-reader use, light and
// dark themes. Screenshots (ja-*.png) go to tests/e2e/out/.
import { describe, it, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { URLS } from './lib/sites.mjs';
import { launchChromium, openBrowser, closeBrowser } from './lib/browsers.mjs';
import { guardOf, waitForGuard, expectNoGuard, valueOf, focusField, waitForUrl, waitForWarning, gotoLoose, sleep } from './lib/guard.mjs';
import { axSummary } from './lib/cdp.mjs';
import {
  shot, withPage, waitForVerdict, tabIdOf, badgeText, openPopup, newPageFrom, until, resetLists, typeInto,
  continueOnWarningPage,
} from './lib/chromium.mjs';

const CARD = '4980123412341234';
const T = { timeout: 60_000 };
const POPUP_VIEWPORT = { width: 380, height: 760 };

describe('Chromium: badge, popup, report, trust, accessibility (ja)', { timeout: 400_000 }, () => {
  let server;
  let b;
  before(async () => {
    ({ server, b } = await openBrowser(launchChromium, { lang: 'ja' }));
    // Safe Browsing's report page is never contacted: the test answers for it.
    await b.ctx.route('https://safebrowsing.google.com/**', (r) => r.fulfill({ status: 200, contentType: 'text/html', body: '<title>stub</title>' }));
  });
  after(() => closeBrowser(b, server));
  beforeEach(() => resetLists(b));

  it('the toolbar badge shows each tab\'s level: ! danger, ? caution, ✓ official, nothing otherwise', T, async () => {
    const cases = [[URLS.caution, 'caution', '?'], [URLS.officialLogin, 'safe', '✓'], [URLS.noFields, 'none', '']];
    for (const [url, level, text] of cases) {
      await withPage(b, async (page) => {
        await page.goto(url);
        const v = await waitForVerdict(b, url);
        assert.equal(v.level, level, `${url}: ${JSON.stringify(v)}`);
        await until(async () => (await badgeText(b, v.tabId)) === text, { what: `badge "${text}" for ${level}`, timeout: 5_000 });
      });
    }
    // danger, page-level and URL-level: the warning page's tab
    for (const url of [URLS.contentPhish, URLS.urlLevelPhish]) {
      await withPage(b, async (page) => {
        await gotoLoose(page, url);
        await waitForWarning(page);
        const tabId = await tabIdOf(b, page.url());
        await until(async () => (await badgeText(b, tabId)) === '!', { what: `badge on the warning page for ${url}`, timeout: 5_000 });
      });
    }
  });

  it('popup: "公式サイトです: エムアイカード" on the official site, with what was checked', T, async () => {
    await withPage(b, async (page) => {
      await page.goto(URLS.officialLogin);
      const v = await waitForVerdict(b, URLS.officialLogin);
      const popup = await b.ctx.newPage();
      try {
        await popup.setViewportSize(POPUP_VIEWPORT);
        await openPopup(b, v.tabId, popup);
        assert.equal(await popup.textContent('#st-title'), '公式サイトです: エムアイカード');
        assert.equal(await popup.getAttribute('section.status', 'data-level'), 'safe');
        const reasons = await popup.$$eval('ul.reasons li', (l) => l.map((x) => x.textContent));
        assert.ok(reasons.some((r) => r.includes('micard.co.jp')), `reasons: ${reasons}`);
        assert.equal(await popup.$('[data-act="report"]'), null, 'nothing to report on an official site');
        assert.equal(await popup.textContent('#check-h'), 'リンクを確認する');
        assert.equal(await popup.textContent('#dir-h'), '公式サイトを直接開く');
        await shot(popup, 'ja-popup-safe.png', { fullPage: true });
      } finally {
        await popup.close();
      }
    });
  });

  it('popup on a danger page\'s warning page: the page\'s verdict, its reasons, and its actions (official site, report, trust, wrong)', T, async () => {
    await withPage(b, async (page) => {
      await gotoLoose(page, URLS.contentPhish);
      await waitForWarning(page);
      const tabId = await tabIdOf(b, page.url());
      const popup = await b.ctx.newPage();
      try {
        await popup.setViewportSize(POPUP_VIEWPORT);
        await openPopup(b, tabId, popup);
        assert.equal(await popup.textContent('#st-title'), '「エムアイカード」を装った偽サイトを止めました');
        assert.equal(await popup.getAttribute('section.status', 'data-level'), 'danger');
        assert.match(await popup.textContent('section.status'), /secure-verify-center\.com/);
        const reasons = await popup.$$eval('ul.reasons li', (l) => l.map((x) => x.textContent));
        assert.ok(reasons.length >= 2 && reasons.some((r) => r.includes('暗証番号')), `the page's reasons (not the address's): ${reasons}`);
        for (const act of ['official', 'report', 'trust', 'wrong']) assert.ok(await popup.$(`[data-act="${act}"]`), `action ${act}`);
        await shot(popup, 'ja-popup-danger.png', { fullPage: true });
        // "Open MI Card's official site": the tab goes there.
        await popup.click('[data-act="official"]');
        await waitForUrl(page, /^https:\/\/www\.micard\.co\.jp\//);
      } finally {
        await popup.close().catch(() => {});
      }
    });
  });

  it('report from the warning page of a page-level danger: exactly what is sent and where; Safe Browsing and the brand open pre-filled; logged', T, async () => {
    await withPage(b, async (page) => {
      await gotoLoose(page, URLS.contentPhish);
      await waitForWarning(page);
      const report = await newPageFrom(b, () => page.click('[data-act="report"]'), /report\/report\.html\?id=/);
      try {
        await report.waitForSelector('body[data-ready="true"]');
        assert.equal(await report.textContent('#report-url'), URLS.contentPhish);
        // 1. The e-mail to the Council: address, Japanese subject and body with URL, brand, reasons and time.
        const mailto = await report.getAttribute('#mail-link', 'href');
        const m = /^mailto:info@antiphishing\.jp\?subject=([^&]*)&body=(.*)$/.exec(mailto);
        assert.ok(m, `mailto: ${mailto}`);
        const subject = decodeURIComponent(m[1]);
        const body = decodeURIComponent(m[2]);
        assert.equal(subject, 'フィッシングサイトの報告(secure-verify-center.com)');
        assert.match(body, /^フィッシング対策協議会 御中/);
        assert.ok(body.includes(`URL: ${URLS.contentPhish}`), body);
        assert.ok(body.includes('装っていると思われる企業・サービス: エムアイカード'), body);
        assert.match(body, /確認日時\(日本時間\): \d{4}\/\d{2}\/\d{2} \d{2}:\d{2}/);
        assert.match(body, /\n・.+暗証番号/, 'the reasons are in the mail');
        assert.equal(await report.textContent('#mail-body'), body, 'the page shows exactly the mail that will be written');
        // 2. Safe Browsing with the URL filled in.
        const sb = await report.getAttribute('#sb-button', 'data-href');
        assert.equal(new URL(sb).searchParams.get('url'), URLS.contentPhish);
        // 3. The brand's own contact from the knowledge base: its page and phones.
        assert.equal(await report.getAttribute('#brand-button', 'data-href'), 'https://www.micard.co.jp/');
        assert.match(await report.textContent('#dest-brand'), /0570-05-2211/);
        await shot(report, 'ja-report.png', { fullPage: true });

        const sbPage = await newPageFrom(b, () => report.click('#sb-button'), /^https:\/\/safebrowsing\.google\.com\//);
        assert.equal(new URL(sbPage.url()).searchParams.get('url'), URLS.contentPhish);
        await sbPage.close();
        await report.waitForSelector('#report-status:text("報告を記録しました")');
        const brandPage = await newPageFrom(b, () => report.click('#brand-button'), /^https:\/\/www\.micard\.co\.jp\//);
        await brandPage.close();
        const log = await until(async () => {
          const r = await b.sw.evaluate(() => globalThis.omamori.reports());
          return r.length === 1 && r[0].channels.length === 2 ? r : null;
        }, { what: 'the report in the log' });
        assert.equal(log[0].url, URLS.contentPhish);
        assert.equal(log[0].brand, 'micard');
        assert.deepEqual(log[0].channels.map((c) => c.channel), ['safe_browsing', 'brand_site']);
      } finally {
        await report.close().catch(() => {});
      }
    });
  });

  it('report from the warning page opens the same flow for the blocked URL', T, async () => {
    await withPage(b, async (page) => {
      await gotoLoose(page, URLS.urlLevelPhish);
      await waitForUrl(page, /warning\.html\?/);
      await page.waitForSelector('[data-act="report"]');
      const report = await newPageFrom(b, () => page.click('[data-act="report"]'), /report\/report\.html\?id=/);
      try {
        await report.waitForSelector('body[data-ready="true"]');
        assert.equal(await report.textContent('#report-url'), URLS.urlLevelPhish);
        const body = decodeURIComponent((await report.getAttribute('#mail-link', 'href')).split('&body=')[1]);
        assert.ok(body.includes('エムアイカード'));
        assert.ok(body.includes('kwtqq.com'));
      } finally {
        await report.close();
      }
    });
  });

  /** Report the tab's page from the popup, through Safe Browsing (stubbed); returns the report page's texts. */
  async function reportFromPopup(tabId) {
    const popup = await openPopup(b, tabId);
    let report;
    try {
      report = await newPageFrom(b, () => popup.click('[data-act="report"]'), /report\/report\.html\?id=/);
      await report.waitForSelector('body[data-ready="true"]');
      const out = {
        text: await report.evaluate(() => document.body.innerText),
        mailto: decodeURIComponent(await report.getAttribute('#mail-link', 'href')),
        sb: decodeURIComponent(await report.getAttribute('#sb-button', 'data-href')),
        url: await report.textContent('#report-url'),
      };
      const sbPage = await newPageFrom(b, () => report.click('#sb-button'), /^https:\/\/safebrowsing\.google\.com\//);
      await sbPage.close();
      await report.waitForSelector('#report-status:text("報告を記録しました")');
      return out;
    } finally {
      await report?.close().catch(() => {});
      await popup.close();
    }
  }

  it('report from the popup on a caution page never carries what was typed there', T, async () => {
    const url = `${URLS.caution}?email=taro%40example.jp`;
    await withPage(b, async (page) => {
      await page.goto(url);
      const v = await waitForVerdict(b, url);
      assert.equal(v.level, 'caution');
      await focusField(page, '#cc-number');
      await page.keyboard.type(CARD);
      await focusField(page, '#cc-name');
      await page.keyboard.type('TARO YAMADA');
      assert.equal(await valueOf(page, '#cc-number'), CARD, 'typing is allowed on a caution page');
      const r = await reportFromPopup(v.tabId);
      for (const typed of [CARD, '4980', 'TARO', 'YAMADA', 'taro@example.jp', 'email=']) {
        assert.ok(!r.text.includes(typed), `the report page must not show "${typed}"`);
        assert.ok(!r.mailto.includes(typed), `the mail must not contain "${typed}"`);
        assert.ok(!r.sb.includes(typed), `the Safe Browsing link must not contain "${typed}"`);
      }
      assert.equal(r.url, URLS.caution, 'the URL without its query');
      assert.match(r.text, /「\?」から後ろ/, 'the page says the query was left out');
      const log = await b.sw.evaluate(() => globalThis.omamori.reports());
      assert.equal(log.length, 1);
      const stored = JSON.stringify(await b.sw.evaluate(() => chrome.storage.local.get(null)));
      for (const typed of [CARD, 'TARO', 'taro@example.jp']) assert.ok(!stored.includes(typed), `storage must not hold "${typed}"`);
      const since = Date.now();
      await page.reload();
      const again = await waitForVerdict(b, url, { since });
      assert.ok(again.rules.includes('user-reported'), JSON.stringify(again));
    });
  });

  it('a reported site is warned on from then on (an ordinary page becomes caution)', T, async () => {
    await withPage(b, async (page) => {
      await page.goto(URLS.merchant);
      const v = await waitForVerdict(b, URLS.merchant);
      assert.equal(v.level, 'none');
      assert.equal(await guardOf(page), null);
      await reportFromPopup(v.tabId);
      // Without a reload: the open page is told to check again.
      await waitForGuard(page, { level: 'caution' });
      const since = Date.now();
      await page.reload();
      const again = await waitForVerdict(b, URLS.merchant, { since });
      assert.equal(again.level, 'caution', JSON.stringify(again));
      assert.ok(again.rules.includes('user-reported'));
      assert.equal((await guardOf(page))?.level, 'caution');
      const popup = await openPopup(b, v.tabId);
      assert.match(await popup.textContent('main'), /報告済み/);
      assert.match(await popup.textContent('ul.reasons'), /以前あなたが報告したサイト/);
      await popup.close();
    });
  });

  it('options: the report log lists, exports JSON and CSV, and deletes', T, async () => {
    // Two reports through the real flow (warning page), logged by the Safe Browsing channel.
    for (const target of [URLS.urlLevelPhish, URLS.pinNoBrand]) {
      await withPage(b, async (page) => {
        await b.sw.evaluate((u) => chrome.tabs.create({ url: chrome.runtime.getURL(`warning/warning.html?url=${encodeURIComponent(u)}`) }), target);
        const w = await until(() => b.ctx.pages().find((p) => p.url().includes(encodeURIComponent(target))), { what: 'warning page' });
        await w.waitForSelector('[data-act="report"]');
        const report = await newPageFrom(b, () => w.click('[data-act="report"]'), /report\/report\.html/);
        await report.waitForSelector('#sb-button');
        const sbPage = await newPageFrom(b, () => report.click('#sb-button'), /safebrowsing/);
        await sbPage.close();
        await report.waitForSelector('#report-status:text("報告を記録しました")');
        await report.close();
        await w.close();
        void page;
      });
    }
    await withPage(b, async (opt) => {
      await opt.goto(b.extUrl('options/options.html'));
      await opt.waitForSelector('#reports tbody tr');
      assert.equal((await opt.$$('#reports tbody tr')).length, 2);
      assert.match(await opt.textContent('#reports'), /micard\.co\.jp\.kwtqq\.com/);
      await shot(opt, 'ja-options.png', { fullPage: true });

      const [dj] = await Promise.all([opt.waitForEvent('download'), opt.click('#export-json')]);
      const json = JSON.parse(readFileSync(await dj.path(), 'utf8'));
      assert.equal(json.length, 2);
      assert.deepEqual(new Set(json.map((r) => r.url)), new Set([URLS.urlLevelPhish, URLS.pinNoBrand]));
      const phish = json.find((r) => r.url === URLS.urlLevelPhish);
      assert.equal(phish.brand, 'micard');
      assert.equal(phish.registrable_domain, 'kwtqq.com');
      assert.ok(phish.reasons.some((r) => r.code === 'embedded-official-domain'));
      assert.deepEqual(phish.channels.map((c) => c.channel), ['safe_browsing']);
      assert.match(dj.suggestedFilename(), /^omamori-reports-\d{4}-\d{2}-\d{2}\.json$/);

      const [dc] = await Promise.all([opt.waitForEvent('download'), opt.click('#export-csv')]);
      const csv = readFileSync(await dc.path(), 'utf8');
      const lines = csv.replace(/^\ufeff/, '').trim().split('\r\n');
      assert.equal(lines[0], 'time_jst,url,host,registrable_domain,brand,brand_name_ja,brand_name_en,level,reasons,channels');
      assert.equal(lines.length, 3);
      assert.ok(lines.some((l) => l.includes(URLS.urlLevelPhish) && l.includes(',micard,エムアイカード,MI Card,danger,')), csv);

      // Delete one, then all.
      await opt.click(`#reports tbody tr:has-text("card-member-check.com") button`);
      await until(async () => (await opt.$$('#reports tbody tr')).length === 1, { what: 'one row left' });
      assert.equal((await b.sw.evaluate(() => globalThis.omamori.reports())).length, 1);
      opt.once('dialog', (d) => d.accept());
      await opt.click('#delete-all');
      await opt.waitForSelector('#reports .empty');
      assert.deepEqual(await b.sw.evaluate(() => globalThis.omamori.reports()), []);
    });
  });

  it('"continue anyway" can be undone in the popup: the warning comes back', T, async () => {
    await withPage(b, async (page) => {
      await gotoLoose(page, URLS.contentPhish);
      await waitForWarning(page);
      await continueOnWarningPage(page);
      await waitForUrl(page, /^https:\/\/secure-verify-center\.com\/card$/);
      const origin = new URL(URLS.contentPhish).origin;
      assert.deepEqual(Object.keys(await b.sw.evaluate(() => globalThis.omamori.trusted())), [origin]);
      const v = await waitForVerdict(b, URLS.contentPhish);
      const popup = await openPopup(b, v.tabId);
      try {
        assert.equal(await popup.getAttribute('section.status', 'data-trusted'), 'true');
        assert.match(await popup.textContent('section.status'), /信頼する/);
        await popup.click('[data-act="untrust"]');
        await until(async () => Object.keys(await b.sw.evaluate(() => globalThis.omamori.trusted())).length === 0, { what: 'untrusted' });
      } finally {
        await popup.close();
      }
      // The open page warns again at once, without a reload: the tab goes to the warning page.
      const w = await waitForWarning(page);
      assert.equal(w.url, URLS.contentPhish);
    });
  });

  it('trust from the popup on the warning page, undone in the options page', T, async () => {
    await withPage(b, async (page) => {
      await gotoLoose(page, URLS.contentPhish2);
      await waitForWarning(page);
      const popup = await openPopup(b, await tabIdOf(b, page.url()));
      await popup.click('[data-act="trust"]'); // the popup's own "trust this site": the tab goes back to the page
      // (the popup sends the tab back once the background has answered: closed before that, it would not)
      await waitForUrl(page, /^https:\/\/account-verify-support\.net\/card$/);
      await popup.close();
      assert.equal(await typeInto(page, '#card_no', '42'), '42', 'the trusted page takes typing');
      const origin = new URL(URLS.contentPhish2).origin;
      await withPage(b, async (opt) => {
        await opt.goto(b.extUrl('options/options.html'));
        await opt.waitForSelector(`#trusted td:text("${origin}")`);
        await opt.click(`#trusted tr:has-text("${origin}") button`);
        await opt.waitForSelector('#trusted .empty');
        assert.match(await opt.textContent('#status'), /信頼を取り消しました/);
      });
      assert.deepEqual(await b.sw.evaluate(() => globalThis.omamori.trusted()), {});
      await waitForWarning(page);
    });
  });

  it('"this warning is wrong": a pre-filled message to copy (no guessed address), and trusting the site', T, async () => {
    await withPage(b, async (page) => {
      await gotoLoose(page, URLS.contentPhish);
      await waitForWarning(page);
      const wrong = await newPageFrom(b, () => page.click('[data-act="wrong"]'), /report\/report\.html\?id=.*&mode=wrong/);
      try {
        await wrong.waitForSelector('body[data-ready="true"]');
        const text = await wrong.textContent('#wrong-message');
        assert.match(text, /^件名: 誤検知の報告: secure-verify-center\.com\n/);
        assert.ok(text.includes(`URL: ${URLS.contentPhish}`) && text.includes('micard') && text.includes('brand-claim-credentials'), text);
        assert.match(text, /確認日時: \d{4}\/\d{2}\/\d{2} \d{2}:\d{2}\(日本時間\)/);
        // no address is guessed: nothing on the page leads anywhere but the site itself
        const links = await wrong.$$eval('a[href]', (as) => as.map((a) => a.href));
        assert.ok(links.every((h) => h.startsWith(new URL(URLS.contentPhish).origin)), JSON.stringify(links));
        await b.ctx.grantPermissions(['clipboard-read', 'clipboard-write']);
        await wrong.bringToFront();
        await wrong.click('#copy-button');
        await wrong.waitForSelector('#copy-status >> text=コピーしました');
        assert.equal(await wrong.evaluate(() => navigator.clipboard.readText()), text, 'the clipboard holds exactly the text shown');
        await shot(wrong, 'ja-report-wrong.png', { fullPage: true });
        await wrong.click('#trust-button');
        await wrong.waitForSelector('#trust-status >> text=信頼するサイトに追加しました');
      } finally {
        await wrong.close();
      }
      assert.deepEqual(Object.keys(await b.sw.evaluate(() => globalThis.omamori.trusted())), [new URL(URLS.contentPhish).origin]);
      await page.goto(URLS.contentPhish);
      await sleep(1_500);
      assert.equal(page.url(), URLS.contentPhish, 'the trusted site is no longer sent to the warning page');
    });
  });

  it('warning page for screen readers and keyboards: alertdialog, focus on "leave", Tab order, Escape = leave', T, async () => {
    for (const url of [URLS.contentPhish, URLS.urlLevelPhish]) {
      await withPage(b, async (page) => {
        await gotoLoose(page, url);
        await waitForWarning(page);
        await sleep(300);
        const a11y = await page.evaluate(() => {
          const main = document.getElementById('main');
          return {
            role: main.getAttribute('role'), label: document.getElementById(main.getAttribute('aria-labelledby'))?.textContent,
            focused: document.activeElement?.dataset.act, lang: document.documentElement.lang,
          };
        });
        assert.deepEqual(a11y, { role: 'alertdialog', label: '「エムアイカード」を装った偽サイトの可能性があります', focused: 'leave', lang: 'ja' });
        const cdp = await b.ctx.newCDPSession(page);
        try {
          const ax = await axSummary(cdp);
          assert.equal(ax.focused?.role, 'button');
          assert.match(ax.focused.name, /^このページを離れる/, 'focus is on the safe choice');
          const order = [];
          for (let i = 0; i < 3; i++) {
            await page.keyboard.press('Tab');
            order.push((await axSummary(cdp)).focused?.name);
          }
          assert.deepEqual(order.map((n) => n?.slice(0, 8)), ['このサイトを報告', '警告を無視してこ', 'この警告は間違い']);
          for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+Tab');
          assert.match((await axSummary(cdp)).focused?.name ?? '', /^このページを離れる/);
        } finally {
          await cdp.detach().catch(() => {});
        }
        await page.keyboard.press('Escape');
        await waitForUrl(page, /^https:\/\/www\.micard\.co\.jp\//);
      });
    }
    // Enter on the focused (safe) choice leaves too (no official site known: back to before the page).
    await withPage(b, async (page) => {
      await page.goto(URLS.noFields);
      await gotoLoose(page, URLS.pinNoBrand);
      await waitForWarning(page);
      await sleep(300);
      await page.keyboard.press('Enter');
      await waitForUrl(page, /^https:\/\/www\.kurashi-recipe\.jp\/$/);
    });
  });

  it('light and dark themes: the warning reads in both (and screenshots of each)', T, async () => {
    await withPage(b, async (page) => {
      for (const scheme of ['light', 'dark']) {
        await page.emulateMedia({ colorScheme: scheme });
        await gotoLoose(page, URLS.urlLevelPhish);
        await waitForUrl(page, /warning\.html\?/);
        await page.waitForSelector('[data-act="leave"]');
        const c = await page.evaluate(() => {
          const card = getComputedStyle(document.querySelector('.om-card'));
          const title = getComputedStyle(document.querySelector('.om-title'));
          return { bg: card.backgroundColor, fg: card.color, title: title.color };
        });
        if (scheme === 'light') assert.deepEqual(c, { bg: 'rgb(255, 255, 255)', fg: 'rgb(31, 31, 31)', title: 'rgb(179, 38, 30)' });
        else assert.deepEqual(c, { bg: 'rgb(32, 33, 36)', fg: 'rgb(236, 236, 236)', title: 'rgb(242, 139, 130)' });
        await sleep(200);
        await shot(page, `ja-warning-page-${scheme}.png`);
      }
      await page.emulateMedia({ colorScheme: 'dark' });
      await gotoLoose(page, URLS.contentPhish);
      await waitForWarning(page);
      await sleep(400);
      await shot(page, 'ja-warning-page-page-level-dark.png');
      await page.emulateMedia({ colorScheme: 'light' });
    });
  });

  it('screenshots (ja): the warning page of a page, of an address', T, async () => {
    await withPage(b, async (page) => {
      await gotoLoose(page, URLS.contentPhish);
      await waitForWarning(page);
      await sleep(400);
      await shot(page, 'ja-warning-page-page-level.png');
      await shot(page, 'ja-warning-page-page-level-full.png', { fullPage: true });
      await gotoLoose(page, URLS.urlLevelPhish);
      await waitForUrl(page, /warning\.html\?/);
      await page.waitForSelector('[data-act="leave"]');
      await sleep(300);
      await shot(page, 'ja-warning-page.png');
      await shot(page, 'ja-warning-page-full.png', { fullPage: true });
      assert.equal(await expectNoGuard(page, { settle: 100 }), null, 'the extension page has no in-page guard');
    });
  });
});
