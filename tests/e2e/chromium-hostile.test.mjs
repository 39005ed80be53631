// Hostile pages (Chromium, dist/chrome): phishing pages that fight the warning. Each fixture is
// tests/fixtures/hostile.html at https://member-support-desk.com/hostile/<attack>; the page claims MI Card and asks
// for card number, security code and PIN (danger). Either the warning stands and typing stays blocked, or the tab
// goes to the extension's own warning page (which the page cannot touch).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { URLS } from './lib/sites.mjs';
import { launchChromium, openBrowser, closeBrowser } from './lib/browsers.mjs';
import { guardOf, waitForGuard, valueOf, focusField, waitForUrl, gotoLoose, sleep } from './lib/guard.mjs';
import { guardButtonOnTop, clickGuardButton } from './lib/cdp.mjs';
import { withPage, until, shot, waitForVerdict } from './lib/chromium.mjs';

const CARD = '4980123412341234';
const T = { timeout: 60_000 };

describe('Chromium: hostile pages cannot get around the warning', { timeout: 300_000 }, () => {
  let server;
  let b;
  before(async () => ({ server, b } = await openBrowser(launchChromium)));
  after(() => closeBrowser(b, server));

  /** Types into the card fields; asserts nothing got in. */
  async function assertTypingBlocked(page, what) {
    for (const f of ['#card_no', '#pin']) {
      await focusField(page, f).catch(() => {});
      await page.keyboard.type(f === '#pin' ? '1234' : CARD, { delay: 2 });
      assert.equal(await valueOf(page, f), '', `${what}: typing into ${f} must stay blocked`);
    }
  }

  /** The warning stands: a danger guard whose "leave" button is laid out and top-most, for `ms`. */
  async function assertWarningStands(page, cdp, ms = 1_500) {
    const end = Date.now() + ms;
    do {
      const g = await guardOf(page);
      assert.equal(g?.level, 'danger', `the guard must stay at danger (saw ${JSON.stringify(g)})`);
      assert.equal(g.count, 1);
      const top = await guardButtonOnTop(cdp, 'leave');
      assert.ok(top.onTop, `the warning's "leave" button must be visible and on top (${JSON.stringify(top)})`);
      await sleep(250);
    } while (Date.now() < end);
  }

  async function assertNotTrusted() {
    const trusted = await b.sw.evaluate(() => globalThis.omamori.trusted());
    assert.deepEqual(trusted, {}, 'the page must not have made the extension trust it');
  }

  /** The tab is sent to warning.html?…&reason=tampered for that page. */
  async function expectTamperedWarningPage(page, attack) {
    await gotoLoose(page, URLS.hostile(attack));
    const url = await waitForUrl(page, /warning\.html\?/, { timeout: 15_000 });
    const u = new URL(url);
    assert.equal(u.host, b.extId, 'the extension\'s own warning page');
    assert.equal(u.searchParams.get('url'), URLS.hostile(attack));
    assert.equal(u.searchParams.get('brand'), 'micard');
    assert.equal(u.searchParams.get('reason'), 'tampered');
    await page.waitForSelector('[data-act="leave"]');
    const text = await page.evaluate(() => document.body.innerText);
    assert.match(text, /Omamori の警告を消そうとしました|tried to remove Omamori/);
    return page;
  }

  it('a stale URL-only answer that finishes after the page\'s danger answer does not make the tab forget the danger', T, async () => {
    // The content script's first check (the URL alone, at document_start) and its full check (at DOMContentLoaded)
    // are in flight together; under load the background can finish them out of order. The tab must keep the
    // newer answer, or a page that removes the warning would not be sent to the warning page.
    const got = await b.sw.evaluate(async (url) => {
      const om = globalThis.omamori;
      const sender = { tab: { id: 987654 }, frameId: 0, url };
      const base = { url, title: '', headings: [], inputs: [] };
      const full = {
        url,
        title: 'エムアイカード 会員ログイン',
        headings: ['エムアイカード ご利用確認'],
        inputs: [
          { tag: 'input', type: 'text', name: 'card_no', label: 'カード番号' },
          { tag: 'input', type: 'password', name: 'pin', label: '暗証番号' },
        ],
      };
      const newer = await om.fromContent({ type: 'check', seq: 2, doc: 'd1', facts: full }, sender);
      const stale = await om.fromContent({ type: 'check', seq: 1, doc: 'd1', facts: base }, sender);
      const kept = (await om.tabState(987654)).frames['0'];
      // A new document in the same frame starts over, whatever its numbers.
      await om.fromContent({ type: 'check', seq: 1, doc: 'd2', facts: base }, sender);
      const next = (await om.tabState(987654)).frames['0'];
      return { newer: newer.verdict.level, stale: stale.verdict.level, kept: kept.verdict.level, keptSeq: kept.seq, next: next.verdict.level, nextDoc: next.doc };
    }, URLS.hostile('remove'));
    assert.equal(got.newer, 'danger');
    assert.notEqual(got.stale, 'danger', 'the URL alone is not danger (else this test shows nothing)');
    assert.equal(got.kept, 'danger');
    assert.equal(got.keptSeq, 2);
    assert.equal(got.nextDoc, 'd2');
    assert.equal(got.next, got.stale);
  });

  it('removing <omamori-guard>: the tab goes to the warning page', T, async () => {
    await withPage(b, async (page) => {
      await expectTamperedWarningPage(page, 'remove');
      await shot(page, 'chromium-hostile-removed.png');
    });
  });

  it('a caution page that removes the guard the moment it appears: the page never hangs, typing works', T, async () => {
    // Each put-back would wake the page's MutationObserver, whose removal wakes the extension's: without a bound
    // the two answer each other in microtasks for ever and the tab freezes (nothing sends a caution page away).
    await withPage(b, async (page) => {
      // (a hung page never fires `load`: wait for the commit only, and never wait on the page without a bound)
      await gotoLoose(page, URLS.hostileCaution, { waitUntil: 'commit' });
      const removals = () => Promise.race([page.evaluate(() => window.__removals), sleep(3_000).then(() => 'no answer in 3 s')]);
      const v = await waitForVerdict(b, URLS.hostileCaution);
      assert.equal(v.level, 'caution');
      await until(async () => (await removals()) > 0, { what: 'the page removing the guard' });
      const end = Date.now() + 2_000;
      while (Date.now() < end) {
        const answer = await removals();
        assert.equal(typeof answer, 'number', `the page must stay responsive (${answer})`);
        await sleep(100);
      }
      await page.click('#cc-number');
      await page.keyboard.type(CARD, { delay: 2 });
      assert.equal(await valueOf(page, '#cc-number'), CARD, 'caution never blocks typing');
    });
  });

  it('hiding it (display:none !important, [hidden], a stylesheet, opacity): the tab goes to the warning page', T, async () => {
    await withPage(b, (page) => expectTamperedWarningPage(page, 'hide'));
  });

  it('setting `inert` on <omamori-guard>: the tab goes to the warning page', T, async () => {
    await withPage(b, (page) => expectTamperedWarningPage(page, 'inert-host'));
  });

  it('setting `inert` on <html>: the tab goes to the warning page', T, async () => {
    await withPage(b, (page) => expectTamperedWarningPage(page, 'inert-root'));
  });

  it('its own capture listeners that stop propagation: typing stays blocked, and the warning\'s buttons still work', T, async () => {
    await withPage(b, async (page) => {
      await page.goto(URLS.hostile('stop'));
      await waitForGuard(page, { level: 'danger' });
      assert.deepEqual(await page.evaluate(() => window.__hostile.log), ['listeners installed']);
      const cdp = await b.ctx.newCDPSession(page);
      try {
        await assertTypingBlocked(page, 'stopImmediatePropagation page');
        await assertWarningStands(page, cdp, 500);
        // A real click on "leave": the page's window/document capture listeners cannot swallow it.
        await clickGuardButton(page, cdp, 'leave');
      } finally {
        await cdp.detach().catch(() => {});
      }
      await waitForUrl(page, /^https:\/\/www\.micard\.co\.jp\//);
    });
  });

  it('stealing focus back into the field: typing stays blocked', T, async () => {
    await withPage(b, async (page) => {
      await page.goto(URLS.hostile('focus'));
      await waitForGuard(page, { level: 'danger' });
      await sleep(300);
      for (let i = 0; i < 3; i++) {
        await page.keyboard.type(CARD, { delay: 3 });
        assert.equal(await valueOf(page, '#card_no'), '', 'typing while the page keeps focusing the field');
      }
      await assertTypingBlocked(page, 'focus-stealing page');
      const cdp = await b.ctx.newCDPSession(page);
      try {
        await assertWarningStands(page, cdp, 500);
      } finally {
        await cdp.detach().catch(() => {});
      }
    });
  });

  it('spoofed messages (postMessage, CustomEvents, a forged chrome.runtime): the warning stays', T, async () => {
    await withPage(b, async (page) => {
      await page.goto(URLS.hostile('spoof'));
      await waitForGuard(page, { level: 'danger' });
      await until(() => page.evaluate(() => window.__hostile.log.length >= 4), { what: 'the page trying several times' });
      const log = await page.evaluate(() => window.__hostile.log);
      assert.equal(log[0], 'chrome.runtime: undefined', 'a web page has no way to message the extension');
      assert.ok(!log.includes('forged sendMessage called'));
      const cdp = await b.ctx.newCDPSession(page);
      try {
        await assertWarningStands(page, cdp, 600);
      } finally {
        await cdp.detach().catch(() => {});
      }
      await assertTypingBlocked(page, 'spoofing page');
      await assertNotTrusted();
      assert.equal(new URL(page.url()).host, 'member-support-desk.com', 'still on the page: nothing was "continued"');
    });
  });

  it('fake clicks and keys (element.click(), dispatchEvent, elementFromPoint, Escape/Enter): ignored', T, async () => {
    const before = b.ctx.pages().length;
    await withPage(b, async (page) => {
      await page.goto(URLS.hostile('fakeclick'));
      await waitForGuard(page, { level: 'danger' });
      await until(() => page.evaluate(() => window.__hostile.log.filter((x) => x === 'clicked').length >= 4), { what: 'the page trying several times' });
      const log = await page.evaluate(() => window.__hostile.log);
      assert.ok(log.includes('clicked'), 'the page did try');
      assert.ok(log.includes('shadowRoot: null'), 'the closed shadow root is out of the page\'s reach');
      const cdp = await b.ctx.newCDPSession(page);
      try {
        await assertWarningStands(page, cdp, 600);
      } finally {
        await cdp.detach().catch(() => {});
      }
      await assertTypingBlocked(page, 'fake-click page');
      await assertNotTrusted();
      assert.equal(new URL(page.url()).host, 'member-support-desk.com', 'a fake Escape/click did not "leave"');
      assert.equal(b.ctx.pages().length, before + 1, 'a fake click did not open the report page');
    });
  });

  it('covering it with the page\'s own modal dialog and popover: ours comes back on top', T, async () => {
    await withPage(b, async (page) => {
      await page.goto(URLS.hostile('cover'));
      await waitForGuard(page, { level: 'danger' });
      await until(() => page.evaluate(() => window.__hostile.log.includes('own modal')), { what: 'the page\'s own modal' });
      const cdp = await b.ctx.newCDPSession(page);
      try {
        await until(async () => (await guardButtonOnTop(cdp, 'leave')).onTop, { what: 'the warning back on top' });
        await assertWarningStands(page, cdp, 800);
      } finally {
        await cdp.detach().catch(() => {});
      }
      await assertTypingBlocked(page, 'covering page');
      await shot(page, 'chromium-hostile-cover.png');
    });
  });
});
