// The visible-text sample is read after the page's first paint when it has a login or card form, else after it
// has loaded (issue 7: the content script forces no layout at DOMContentLoaded). These tests hold the contract around that: a field is never typeable on a danger page before
// the check that included the text has answered, and a page whose danger is in its visible text still gets it,
// after `load`, or sooner when a person starts typing, or when `load` does not come.
// text-claim.html claims MI Card in its visible text only (one heading + body text); text-claim-hidden.html is the
// same page with that text hidden. Both have an image (/slow.png) that a test can hold back to delay `load`.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { SITES, URLS } from './lib/sites.mjs';
import { launchChromium, openBrowser, closeBrowser } from './lib/browsers.mjs';
import { guardOf, valueOf, focusField, sleep, gotoLoose, waitForWarning } from './lib/guard.mjs';
import { withPage, waitForVerdict, sendToWarning, typeInto, until, holdBack } from './lib/chromium.mjs';

const CARD = '4980123412341234';
const T = { timeout: 60_000 };
const HOST = 'card-info-renew.com';
const TEXT_CLAIM = `https://${HOST}/verify`;
const TEXT_HIDDEN = `https://${HOST}/verify-hidden`;
const TEXT_PLAIN = `https://${HOST}/verify-plain`;
const sites = {
  ...SITES,
  [HOST]: {
    '/verify': 'text-claim.html', '/verify-hidden': 'text-claim-hidden.html', '/verify-plain': 'text-claim-plain.html',
    '/late-shadow': 'late-shadow.html',
  },
};

/** Holds /slow.png back for ms (the page's `load` waits for it). Returns a function that lets it go. */
const slowImage = (page, ms) => holdBack(page, `https://${HOST}/slow.png`, { ms, notFound: true });

describe('Chromium: the text check after load', { timeout: 300_000 }, () => {
  let server;
  let b;
  before(async () => ({ server, b } = await openBrowser(launchChromium, { sites })));
  after(() => closeBrowser(b, server));

  it('a page whose brand claim is only in its visible text gets danger', T, async () => {
    await withPage(b, async (page) => {
      await gotoLoose(page, TEXT_CLAIM);
      const w = await waitForWarning(page);
      assert.equal(w.brand, 'micard');
      assert.equal(w.url, TEXT_CLAIM);
    });
  });

  it('keys typed right after DOMContentLoaded, before the text check answers, never reach the field', T, async () => {
    // Control: the same keys, the same way, reach a shop's card field right after DOMContentLoaded.
    await withPage(b, async (page) => {
      await page.goto(URLS.merchant, { waitUntil: 'domcontentloaded' });
      await waitForVerdict(b, URLS.merchant);
      assert.equal(await typeInto(page, '#cc-number', CARD), CARD);
    });
    // (the background's sending to the warning page off: the page stays, and what got in can be read)
    await sendToWarning(b, false);
    await withPage(b, async (page) => {
      const release = await slowImage(page, 8_000);
      try {
        await page.goto(TEXT_CLAIM, { waitUntil: 'domcontentloaded' });
        // The page is still loading (its image is held back). Its card form is checked right after its first
        // paint; whether or not that check has answered yet, keys typed now must not get in.
        assert.notEqual(await page.evaluate(() => document.readyState), 'complete');
        await focusField(page, '#card_no').catch(() => {});
        await page.keyboard.type(CARD);
        await focusField(page, '#cvv').catch(() => {});
        await page.keyboard.type('123');
        // Danger without waiting for `load` (the check after the first paint, or the one typing asked for).
        assert.equal((await waitForVerdict(b, TEXT_CLAIM)).level, 'danger');
        assert.notEqual(await page.evaluate(() => document.readyState), 'complete', 'danger came before load');
        assert.equal(await valueOf(page, '#card_no'), '', 'keys typed before the text check must not reach the field');
        assert.equal(await valueOf(page, '#cvv'), '');
        await focusField(page, '#card_no');
        await page.keyboard.type(CARD);
        assert.equal(await valueOf(page, '#card_no'), '', 'nor after it');
        await sendToWarning(b, true);
        await waitForWarning(page);
      } finally {
        release();
        await sendToWarning(b, true);
      }
    });
  });

  it('a page whose load does not come still gets its text check (and danger) without any interaction', T, async () => {
    await withPage(b, async (page) => {
      const release = await slowImage(page, 10_000);
      try {
        // (fields named f1, f2: checked after `load`, here after the fallback since `load` is held back)
        // (the background's sending to the warning page off, so that the page's state can be read at the danger)
        await sendToWarning(b, false);
        await page.goto(TEXT_PLAIN, { waitUntil: 'domcontentloaded' });
        const v = await waitForVerdict(b, TEXT_PLAIN, { timeout: 8_000 });
        assert.equal(v.level, 'danger');
        assert.notEqual(await page.evaluate(() => document.readyState), 'complete', 'danger came before load');
        await sendToWarning(b, true);
        await waitForWarning(page);
      } finally {
        release();
        await sendToWarning(b, true);
      }
    });
  });

  it('the official login page takes typing before `load` (its address alone decides: nothing waits for the page check)', T, async () => {
    await withPage(b, async (page) => {
      const release = await holdBack(page, /micard-logo\.svg/);
      try {
        await page.goto(URLS.officialLogin, { waitUntil: 'domcontentloaded' });
        const v = await waitForVerdict(b, URLS.officialLogin, { urlOnly: true });
        assert.equal(v.level, 'safe');
        assert.notEqual(await page.evaluate(() => document.readyState), 'complete', 'still loading');
        // focus and type at once (no click: nothing gives a page check time to answer in between)
        await focusField(page, 'input[type=password]');
        await page.keyboard.type('s3cret!');
        assert.equal(await valueOf(page, 'input[type=password]'), 's3cret!');
        assert.equal(await guardOf(page), null);
      } finally {
        release();
      }
    });
  });

  it('a shop checkout takes typing before `load` (its card form is checked right after the first paint)', T, async () => {
    await withPage(b, async (page) => {
      const release = await holdBack(page, /shop-logo\.svg/);
      try {
        const since = Date.now();
        await page.goto(URLS.merchant, { waitUntil: 'domcontentloaded' });
        // the page check (not the URL-only one) answers while the page is still loading, and well before the
        // 1.5 s fallback that a page without a card form would wait for (it comes ~50 ms after DOMContentLoaded)
        await waitForVerdict(b, URLS.merchant, { since, timeout: 1_400 });
        assert.notEqual(await page.evaluate(() => document.readyState), 'complete', 'still loading');
        await page.click('#cc-number');
        await page.keyboard.type(CARD, { delay: 1 });
        assert.equal(await valueOf(page, '#cc-number'), CARD);
      } finally {
        release();
      }
    });
  });

  it('a card field in a shadow root beyond the bounded search of a huge page: blocked, then found once focused (danger), never let through unread', T, async () => {
    await sendToWarning(b, false);
    await withPage(b, async (page) => {
      const url = `https://${HOST}/late-shadow`;
      await page.goto(url);
      await waitForVerdict(b, url);
      const inShadow = (fn) => page.evaluate(fn);
      // focus the field inside the shadow root and type at once
      await inShadow(() => document.querySelector('card-box').shadowRoot.getElementById('card_no').focus());
      await page.keyboard.type(CARD);
      await until(async () => (await waitForVerdict(b, url)).level === 'danger', { what: 'danger', timeout: 10_000 });
      await inShadow(() => document.querySelector('card-box').shadowRoot.getElementById('card_no').focus());
      await page.keyboard.type(CARD);
      const value = await inShadow(() => document.querySelector('card-box').shadowRoot.getElementById('card_no').value);
      assert.equal(value, '', 'the card number must not get in');
    }).finally(() => sendToWarning(b, true));
  });

  it('the same page with that text hidden: no danger, and typing works once checked', T, async () => {
    await withPage(b, async (page) => {
      await page.goto(TEXT_HIDDEN);
      const v = await waitForVerdict(b, TEXT_HIDDEN);
      await sleep(500);
      assert.notEqual(v.level, 'danger', `verdict: ${JSON.stringify(v)}`);
      assert.notEqual((await guardOf(page))?.level, 'danger');
      await focusField(page, '#card_no');
      await page.keyboard.type(CARD);
      assert.equal(await valueOf(page, '#card_no'), CARD);
      assert.notEqual((await waitForVerdict(b, TEXT_HIDDEN)).level, 'danger');
    });
  });
});
