// Reports (issue 15), in Chromium (dist/chrome, Japanese UI) whose own time zone is New York's:
// - no typed value in a report: a login page (typed-into-address.html, a caution: typing allowed) copies what the
//   person types into its address (replaceState, pushState) and its title, then opens a new page of the same site
//   whose path carries it. The report page, the mail, the Safe Browsing link, the report log, storage.session and the
//   background's records carry none of it: the address is the one the site had before the person's first input.
//   On the code before this change the report carried the address the page had moved to (the e-mail address and
//   the password in its path). The same when the field is in a frame that passes what is typed to the page around
//   it (typed-into-parent.html); a link whose path carries an e-mail address is reported with the path cut there.
// - one clock: every time a person reads (the report page, the mail, the options page's report log and trusted
//   sites, the JSON and CSV exports) is Japan time, labelled, although the browser runs on New York time. On the
//   code before this change the options page showed the browser's own time with no label, and the exports UTC.
import { describe, it, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { URLS } from './lib/sites.mjs';
import { launchChromium, openBrowser, closeBrowser } from './lib/browsers.mjs';
import { focusField, valueOf, gotoLoose, waitForUrl } from './lib/guard.mjs';
import { withPage, waitForVerdict, openPopup, newPageFrom, until, resetLists } from './lib/chromium.mjs';

const T = { timeout: 60_000 };
const EMAIL = 'taro.yamada@example.jp';
const PASSWORD = 'Himitsu2026pw';
// every form the typed values can take in an address, a mail or a stored record
const TYPED = [EMAIL, encodeURIComponent(EMAIL), 'taro.yamada', PASSWORD, 'Himitsu2026'];
const TZ = 'America/New_York';

/** Japan time as the extension writes it: "2026/11/21 15:04" and "2026-11-21T15:04:05+09:00". */
function jst(ms) {
  const p = Object.fromEntries(new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
    second: '2-digit', hourCycle: 'h23',
  }).formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return { text: `${p.year}/${p.month}/${p.day} ${p.hour}:${p.minute}`, iso: `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}+09:00` };
}

describe('Chromium: reports carry nothing typed, and one clock (issue 15)', { timeout: 300_000 }, () => {
  let server;
  let b;
  before(async () => {
    ({ server, b } = await openBrowser(launchChromium, { lang: 'ja', timezone: TZ }));
    await b.ctx.route('https://safebrowsing.google.com/**', (r) => r.fulfill({ status: 200, contentType: 'text/html', body: '<title>stub</title>' }));
  });
  after(() => closeBrowser(b, server));
  beforeEach(() => resetLists(b));

  /** Reports the tab's page from the popup through Safe Browsing (stubbed); returns everything the report shows. */
  async function reportFromPopup(tabId) {
    const popup = await openPopup(b, tabId);
    let report;
    try {
      const shown = await popup.evaluate(() => document.body.innerText);
      report = await newPageFrom(b, () => popup.click('[data-act="report"]'), /report\/report\.html\?id=/);
      await report.waitForSelector('body[data-ready="true"]');
      const out = {
        popup: shown,
        text: await report.evaluate(() => document.body.innerText),
        mailto: await report.getAttribute('#mail-link', 'href'),
        sb: await report.getAttribute('#sb-button', 'data-href'),
        url: await report.textContent('#report-url'),
      };
      const sbPage = await newPageFrom(b, () => report.click('#sb-button'), /^https:\/\/safebrowsing\.google\.com\//);
      out.sbOpened = sbPage.url();
      await sbPage.close();
      await report.waitForSelector('#report-status:text("報告を記録しました")');
      return out;
    } finally {
      await report?.close().catch(() => {});
      await popup.close().catch(() => {});
    }
  }

  /** Fails when any typed value is in `where` (raw, percent-encoded or decoded). */
  function assertNothingTyped(what, where) {
    let decoded = where;
    try {
      decoded = decodeURIComponent(where);
    } catch { /* as is */ }
    for (const v of TYPED) assert.ok(!where.includes(v) && !decoded.includes(v), `${what} must not carry "${v}": ${where.slice(0, 400)}`);
  }

  async function assertStoredNothingTyped() {
    const stored = await b.sw.evaluate(async () => JSON.stringify({
      session: await chrome.storage.session.get(null), local: await chrome.storage.local.get(null),
      reports: await globalThis.omamori.reports(),
      tabs: await Promise.all((await chrome.tabs.query({})).map((t) => globalThis.omamori.tabState(t.id))),
    }));
    assertNothingTyped('storage (session, local, the report log, the background\'s records)', stored);
  }

  it('a page that copies what is typed into its address and title: no report carries it', T, async () => {
    await withPage(b, async (page) => {
      await page.goto(URLS.typedIntoAddress);
      const v = await waitForVerdict(b, URLS.typedIntoAddress);
      assert.equal(v.level, 'caution', JSON.stringify(v));
      await focusField(page, '#email');
      await page.keyboard.type(EMAIL);
      await focusField(page, '#password');
      await page.keyboard.type(PASSWORD);
      assert.equal(await valueOf(page, '#email'), EMAIL, 'typing is allowed on a caution page');
      // the page did what the attack needs: the values are in its address and its title
      const href = await page.evaluate(() => location.href);
      assert.ok(href.includes(PASSWORD) && href.includes(encodeURIComponent(EMAIL)), href);
      assert.ok((await page.title()).includes(EMAIL));
      // the background has checked the page since (the title and the address changed)
      await until(() => b.sw.evaluate(async (id) => {
        const f = (await globalThis.omamori.tabState(id)).frames['0'];
        return f && f.seq > 2;
      }, v.tabId), { what: 'a check after the typing' });

      const r = await reportFromPopup(v.tabId);
      assert.equal(r.url, URLS.typedIntoAddress, 'the address the site had before the first input');
      for (const [what, where] of Object.entries(r)) assertNothingTyped(what, where);
      await assertStoredNothingTyped();

      // a new page of the same site whose path carries both values
      const since = Date.now();
      await page.click('#next');
      await page.waitForURL(/\/welcome\//);
      assert.ok(page.url().includes(PASSWORD));
      // the new page's own check, recorded under the address its site had before the first input
      await waitForVerdict(b, URLS.typedIntoAddress, { since });
      const r2 = await reportFromPopup(v.tabId);
      assert.equal(r2.url, URLS.typedIntoAddress, 'a later page of the same site in the tab: still the address before the first input');
      for (const [what, where] of Object.entries(r2)) assertNothingTyped(`after a new page: ${what}`, where);
      await assertStoredNothingTyped();
    });
  });

  it('a frame that passes what is typed to the page around it, which copies it into its address: no report carries it', T, async () => {
    await withPage(b, async (page) => {
      await page.goto(URLS.typedIntoParent);
      const v = await waitForVerdict(b, URLS.typedIntoParent);
      const frame = await until(() => page.frames().find((f) => f.url().startsWith('https://form.widget-cdn.net/')), { what: 'the form frame' });
      await waitForVerdict(b, 'https://form.widget-cdn.net/subscribe', { frame: 'any' });
      await frame.evaluate(() => document.querySelector('#email').focus());
      await page.keyboard.type(EMAIL);
      assert.equal(await valueOf(frame, '#email'), EMAIL);
      await until(async () => (await page.evaluate(() => location.href)).includes(encodeURIComponent(EMAIL)), { what: 'the page copying the value' });
      await page.evaluate(() => document.body.append(document.createElement('p'))); // a change: the page is checked again
      await until(() => b.sw.evaluate(async (id) => ((await globalThis.omamori.tabState(id)).frames['0']?.seq ?? 0) > 2, v.tabId), { what: 'a check after the typing' });
      const r = await reportFromPopup(v.tabId);
      assert.equal(r.url, URLS.typedIntoParent);
      for (const [what, where] of Object.entries(r)) assertNothingTyped(what, where);
      await assertStoredNothingTyped();
    });
  });

  it('a link\'s address that carries an e-mail address in its path: the report cuts the path there', T, async () => {
    await withPage(b, async (page) => {
      const link = `https://micard.co.jp.kwtqq.com/verify/${encodeURIComponent(EMAIL)}/step2`;
      await page.goto(b.extUrl(`check/check.html?url=${encodeURIComponent(link)}`));
      await page.waitForSelector('body[data-ready="true"] [data-act="report"]');
      const report = await newPageFrom(b, () => page.click('[data-act="report"]'), /report\/report\.html\?id=/);
      try {
        await report.waitForSelector('body[data-ready="true"]');
        assert.equal(await report.textContent('#report-url'), 'https://micard.co.jp.kwtqq.com/verify/');
        assertNothingTyped('the mail', await report.getAttribute('#mail-link', 'href'));
        assertNothingTyped('the Safe Browsing link', await report.getAttribute('#sb-button', 'data-href'));
      } finally {
        await report.close();
      }
    });
  });

  it('one clock: the report page, the mail, the options page and the exports show Japan time, labelled, on a New York browser', T, async () => {
    await withPage(b, async (page) => {
      assert.equal(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone), TZ, 'the browser runs on New York time');
      await gotoLoose(page, URLS.urlLevelPhish);
      await waitForUrl(page, /warning\.html\?/);
      assert.equal(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone), TZ, 'so do the extension\'s pages');
      await page.waitForSelector('[data-act="report"]');
      const report = await newPageFrom(b, () => page.click('[data-act="report"]'), /report\/report\.html\?id=/);
      try {
        await report.waitForSelector('body[data-ready="true"]');
        const id = new URL(report.url()).searchParams.get('id');
        const created = await b.sw.evaluate(async (k) => (await chrome.storage.session.get(k))[k].created, `draft:${id}`);
        assert.equal(await report.textContent('#report-time'), `${jst(created).text}(日本時間)`);
        const body = decodeURIComponent((await report.getAttribute('#mail-link', 'href')).split('&body=')[1]);
        assert.ok(body.includes(`確認日時(日本時間): ${jst(created).text}`), body);
        const sbPage = await newPageFrom(b, () => report.click('#sb-button'), /safebrowsing/);
        await sbPage.close();
        await report.waitForSelector('#report-status:text("報告を記録しました")');
      } finally {
        await report.close();
      }
    });
    await b.sw.evaluate((o) => globalThis.omamori.trust(o), new URL(URLS.contentPhish).origin);
    const [rep] = await b.sw.evaluate(() => globalThis.omamori.reports());
    const added = Object.values(await b.sw.evaluate(() => globalThis.omamori.trusted()))[0].added;
    await withPage(b, async (opt) => {
      await opt.goto(b.extUrl('options/options.html'));
      await opt.waitForSelector('#reports tbody tr');
      await opt.waitForSelector('#trusted tbody tr');
      assert.equal(await opt.textContent('#reports tbody tr td'), `${jst(rep.time).text}(日本時間)`);
      assert.equal(await opt.textContent('#trusted tbody tr td:nth-child(2)'), `${jst(added).text}(日本時間)`);

      const [dj] = await Promise.all([opt.waitForEvent('download'), opt.click('#export-json')]);
      const json = JSON.parse(readFileSync(await dj.path(), 'utf8'));
      assert.equal(json[0].time, jst(rep.time).iso);
      assert.equal(json[0].channels[0].time, jst(rep.channels[0].time).iso);
      assert.match(dj.suggestedFilename(), new RegExp(`^omamori-reports-${jst(Date.now()).iso.slice(0, 10)}\\.json$`));
      const [dc] = await Promise.all([opt.waitForEvent('download'), opt.click('#export-csv')]);
      const lines = readFileSync(await dc.path(), 'utf8').replace(/^\ufeff/, '').trim().split('\r\n');
      assert.equal(lines[0].split(',')[0], 'time_jst');
      assert.equal(lines[1].split(',')[0], jst(rep.time).iso);
    });
  });
});
