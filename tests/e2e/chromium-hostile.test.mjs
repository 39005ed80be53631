// Hostile pages (Chromium, dist/chrome): phishing pages that fight the warning. Each fixture is
// tests/fixtures/hostile.html at https://member-support-desk.com/hostile/<attack>; the page claims MI Card and asks
// for card number, security code and PIN (danger). A danger is never drawn in the page: the tab goes to the
// extension's own warning page, which the page cannot touch, and until it has left every field stays held
// (seen with the background's sending turned off: omamori.sendToWarning(false)). Nothing a page does gets a site
// trusted. A caution page that removes the caution notice stays responsive.
import { describe, it, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { URLS } from './lib/sites.mjs';
import { launchChromium, openBrowser, closeBrowser } from './lib/browsers.mjs';
import { valueOf, gotoLoose, sleep, waitForWarning } from './lib/guard.mjs';
import {
  withPage, until, shot, waitForVerdict, sendToWarning, typeInto, resetLists, newPageFrom, onKeptDangerPage,
} from './lib/chromium.mjs';

const CARD = '4980123412341234';
const T = { timeout: 60_000 };

describe('Chromium: hostile pages cannot get around the warning', { timeout: 300_000 }, () => {
  let server;
  let b;
  before(async () => ({ server, b } = await openBrowser(launchChromium)));
  after(() => closeBrowser(b, server));
  beforeEach(() => resetLists(b));

  /** Types into the card fields; asserts nothing got in. */
  async function assertTypingBlocked(page, what) {
    for (const f of ['#card_no', '#pin']) {
      assert.equal(await typeInto(page, f, f === '#pin' ? '1234' : CARD), '', `${what}: typing into ${f} must stay blocked`);
    }
  }

  /** Control for assertTypingBlocked: the same keys reach the fields of a shop's checkout. */
  async function control() {
    await withPage(b, async (page) => {
      await page.goto(URLS.merchant);
      await waitForVerdict(b, URLS.merchant);
      assert.equal(await typeInto(page, '#cc-number', CARD), CARD, 'control: the keys reach a field where nothing is wrong');
    });
  }

  async function assertNotTrusted() {
    const trusted = await b.sw.evaluate(() => globalThis.omamori.trusted());
    assert.deepEqual(trusted, {}, 'the page must not have made the extension trust it');
  }

  /** The tab goes to the warning page for the hostile page (url, brand micard). */
  async function expectWarningPage(page, attack) {
    const w = await waitForWarning(page);
    assert.equal(new URL(w.href).host, b.extId, 'the extension\'s own warning page');
    assert.equal(w.url, URLS.hostile(attack));
    assert.equal(w.brand, 'micard');
    return w;
  }

  /** With the background's navigation off: load the attack, let it act, check typing stays blocked; then turn the
   * navigation on: the content script asks again and the tab goes to the warning page. */
  function heldUntilLeft(attack, act = async () => {}) {
    return onKeptDangerPage(b, URLS.hostile(attack), async (page) => {
      await act(page);
      await assertTypingBlocked(page, attack);
      await assertNotTrusted();
      await sendToWarning(b, true);
      await expectWarningPage(page, attack);
    });
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

  it('removing, hiding, making `inert` or covering what is in the page changes nothing: the tab goes to the warning page', T, async () => {
    for (const attack of ['remove', 'hide', 'inert-host', 'inert-root', 'cover']) {
      await withPage(b, async (page) => {
        await gotoLoose(page, URLS.hostile(attack));
        await expectWarningPage(page, attack);
        assert.doesNotMatch(page.url(), /reason=/, 'no "tampered" reason: there is nothing in the page to tamper with');
      });
    }
    await assertNotTrusted();
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

  it('its own capture listeners that stop propagation: typing stays blocked until the tab has left', T, async () => {
    await control();
    await heldUntilLeft('stop', async (page) => {
      assert.deepEqual(await page.evaluate(() => window.__hostile.log), ['listeners installed']);
    });
  });

  it('stealing focus back into the field: typing stays blocked until the tab has left', T, async () => {
    await control();
    await heldUntilLeft('focus', async (page) => {
      await sleep(300);
      for (let i = 0; i < 3; i++) {
        await page.keyboard.type(CARD, { delay: 3 });
        assert.equal(await valueOf(page, '#card_no'), '', 'typing while the page keeps focusing the field');
      }
    });
  });

  it('spoofed messages (postMessage, CustomEvents, a forged chrome.runtime) and fake clicks and keys: nothing trusted, typing blocked', T, async () => {
    await control();
    for (const attack of ['spoof', 'fakeclick']) {
      const before = b.ctx.pages().length;
      await heldUntilLeft(attack, async (page) => {
        await until(() => page.evaluate(() => window.__hostile.log.length >= 4), { what: 'the page trying several times' });
        if (attack === 'spoof') {
          const log = await page.evaluate(() => window.__hostile.log);
          assert.equal(log[0], 'chrome.runtime: undefined', 'a web page has no way to message the extension');
          assert.ok(!log.includes('forged sendMessage called'));
        }
        assert.equal(b.ctx.pages().length, before + 1, 'nothing opened a report page');
      });
    }
  });

  it('document.write and a replaced <html>: the new fields are held too, and the tab goes to the warning page', T, async () => {
    await control();
    for (const attack of ['docwrite', 'replace']) {
      await heldUntilLeft(attack, async (page) => {
        await until(() => page.evaluate((a) => window.__hostile.log.includes(a + ' done'), attack), { what: `${attack} done` });
      });
    }
  });

  it('a page that reloads itself again and again: the tab reaches the warning page once and stays there', T, async () => {
    await withPage(b, async (page) => {
      await gotoLoose(page, URLS.hostile('reload'));
      await expectWarningPage(page, 'reload');
      const served = () => server.requests.filter((r) => r.path === '/hostile/reload').length;
      const n = served();
      await sleep(2_000);
      assert.equal(served(), n, 'the page is not loaded again once the tab has left');
      assert.ok(/warning\.html/.test(page.url()), 'still on the warning page');
    });
  });

  it('a page that opens itself in a new tab: that tab goes to the warning page too', T, async () => {
    await withPage(b, async (page) => {
      await sendToWarning(b, false);
      let copy;
      try {
        await page.goto(URLS.hostile('reopen'));
        await waitForVerdict(b, URLS.hostile('reopen'));
        copy = await newPageFrom(b, () => page.mouse.click(20, 300), /member-support-desk\.com\/hostile\/reopen/);
        await sendToWarning(b, true);
        await expectWarningPage(page, 'reopen');
        await expectWarningPage(copy, 'reopen');
      } finally {
        await sendToWarning(b, true);
        await copy?.close().catch(() => {});
      }
      await shot(page, 'chromium-hostile-reopen.png');
    });
  });
});
