// Browser end-to-end tests in Debian's Chromium (playwright-core) on the BUILT extension (dist/chrome).
// Every hostname is served by the local fixture server (host-resolver-rules), over HTTPS with a throwaway
// certificate; no traffic leaves loopback. Screenshots go to tests/e2e/out/.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { startFixtureServer } from './lib/server.mjs';
import { URLS } from './lib/sites.mjs';
import { launchChromium, OUT_DIR, withTimeout } from './lib/browsers.mjs';
import {
  guardOf, waitForGuard, expectNoGuard, valueOf, focusField, waitForUrl, gotoLoose, sleep,
} from './lib/guard.mjs';
import { clickGuardButton, imeCommit } from './lib/cdp.mjs';

mkdirSync(OUT_DIR, { recursive: true });
const shot = (page, name) => page.screenshot({ path: path.join(OUT_DIR, name), fullPage: false }).catch(() => {});
const CARD = '4980123412341234';
const T = { timeout: 60_000 };

/** A fresh tab; always closed. */
async function withPage(b, fn) {
  const page = await b.ctx.newPage();
  page.setDefaultTimeout(15_000);
  try {
    return await fn(page);
  } finally {
    await page.close().catch(() => {});
  }
}

/** Puts text on the (browser-wide) clipboard from a neutral page, so a test can press Control+V elsewhere. */
async function setClipboard(b, text) {
  const origin = new URL(URLS.noFields).origin;
  await b.ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  await withPage(b, async (p) => {
    await p.goto(URLS.noFields);
    await p.bringToFront();
    await p.evaluate((t) => navigator.clipboard.writeText(t), text);
  });
}

/**
 * Waits until the background holds a verdict for the top frame of the tab showing `url` (checked at or after
 * `since`), through the service worker's test hook (globalThis.omamori.tabState). Returns {level, brand,
 * trusted, rules}. So "no guard" is asserted after the extension has decided, not after a guessed delay.
 */
async function waitForVerdict(b, url, { since = 0, timeout = 15_000 } = {}) {
  const end = Date.now() + timeout;
  let last = null;
  while (Date.now() < end) {
    last = await b.sw.evaluate(async ({ url, since }) => {
      if (!globalThis.omamori?.tabState) return { error: 'no globalThis.omamori.tabState in the service worker' };
      for (const t of await chrome.tabs.query({})) {
        const st = await globalThis.omamori.tabState(t.id);
        const f = st?.frames?.['0'];
        if (f && f.url === url && f.verdict && (f.at ?? 0) >= since) {
          return {
            level: f.verdict.level, brand: f.verdict.brand ?? null, trusted: !!f.trusted,
            rules: (f.verdict.reasons ?? []).map((r) => r.code),
          };
        }
      }
      return null;
    }, { url, since }).catch((e) => ({ error: String(e.message || e) }));
    if (last && !last.error) {
      await sleep(300); // the content script renders right after the answer
      return last;
    }
    await sleep(150);
  }
  throw new Error(`no verdict from the background for ${url} within ${timeout} ms (${JSON.stringify(last)})`);
}

async function paste(b, page, selector) {
  await b.ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(page.url()).origin });
  await page.bringToFront();
  await focusField(page, selector);
  await page.keyboard.press('Control+V');
  await sleep(200);
}

describe('Chromium: dist/chrome', { timeout: 300_000 }, () => {
  let server;
  let b;
  before(async () => {
    server = await startFixtureServer();
    b = await withTimeout(launchChromium(server), 60_000, 'launching Chromium with dist/chrome');
  });
  after(async () => {
    await b?.close();
    await server?.close();
  });

  it('loads the extension: its background service worker runs', T, async () => {
    assert.match(b.sw.url(), /^chrome-extension:\/\/[a-p]{32}\/background\/background\.js$/);
    const manifest = await b.sw.evaluate(() => chrome.runtime.getManifest());
    assert.equal(manifest.manifest_version, 3);
  });

  it('(a) a URL that embeds the official domain (micard.co.jp.kwtqq.com) goes to the warning page', T, async () => {
    await withPage(b, async (page) => {
      await gotoLoose(page, URLS.urlLevelPhish);
      let url;
      try {
        url = await waitForUrl(page, /warning\.html\?/, { timeout: 15_000 });
      } catch (e) {
        const g = await guardOf(page).catch(() => null);
        throw new Error(`${e.message}; in-page guard: ${JSON.stringify(g)} (expected the URL-level block)`);
      }
      const u = new URL(url);
      assert.equal(u.protocol, 'chrome-extension:');
      assert.equal(u.host, b.extId, 'the warning page is the extension\'s own page');
      assert.equal(u.searchParams.get('url'), URLS.urlLevelPhish);
      assert.equal(u.searchParams.get('brand'), 'micard');
      await page.waitForLoadState('load').catch(() => {});
      await sleep(500);
      await shot(page, 'chromium-warning-page.png');
    });
  });

  it('(b) a card page that claims MI Card on an unrelated host: danger guard before any typing; keys, IME and paste blocked', T, async () => {
    await setClipboard(b, CARD);
    await withPage(b, async (page) => {
      await page.goto(URLS.contentPhish);
      const g = await waitForGuard(page, { level: 'danger', timeout: 15_000 });
      assert.equal(g.brand, 'micard');
      assert.equal(g.count, 1, 'one guard element');
      assert.ok(g.parentIsRoot, '<omamori-guard> is a child of <html>');
      await sleep(300);
      await shot(page, 'chromium-danger-inpage.png');

      // Keyboard.
      await focusField(page, '#card_no');
      await page.keyboard.type(CARD, { delay: 5 });
      assert.equal(await valueOf(page, '#card_no'), '', 'typed card number must not reach the field');
      await focusField(page, '#pin');
      await page.keyboard.type('1234');
      assert.equal(await valueOf(page, '#pin'), '', 'typed PIN must not reach the field');

      // IME composition + commit.
      const cdp = await b.ctx.newCDPSession(page);
      try {
        await focusField(page, '#card_no');
        await imeCommit(cdp, 'よんきゅうはち', '4980');
        await sleep(100);
        assert.equal(await valueOf(page, '#card_no'), '', 'IME input must not reach the field');
        await focusField(page, '#holder');
        await cdp.send('Input.insertText', { text: 'TARO YAMADA' });
        assert.equal(await valueOf(page, '#holder'), '', 'inserted text must not reach the field');
      } finally {
        await cdp.detach().catch(() => {});
      }

      // Paste.
      await paste(b, page, '#card_no');
      assert.equal(await valueOf(page, '#card_no'), '', 'pasted card number must not reach the field');

      // Still warning.
      assert.equal((await guardOf(page))?.level, 'danger');
    });
  });

  it('(b) keystrokes sent as soon as the document exists never reach the field', T, async () => {
    await withPage(b, async (page) => {
      await page.goto(URLS.contentPhish, { waitUntil: 'domcontentloaded' });
      await focusField(page, '#card_no').catch(() => {});
      await page.keyboard.type(CARD);
      await waitForGuard(page, { level: 'danger', timeout: 15_000 });
      assert.equal(await valueOf(page, '#card_no'), '', 'keys typed before the verdict must not reach the field');
    });
  });

  it('(c) MI Card\'s official login page (www1.micard.co.jp/app/login): no guard; typing, IME and paste work', T, async () => {
    await setClipboard(b, 'pasted-id');
    await withPage(b, async (page) => {
      await page.goto(URLS.officialLogin);
      const v = await waitForVerdict(b, URLS.officialLogin);
      assert.equal(v.level, 'safe', `verdict: ${JSON.stringify(v)}`);
      assert.equal(v.brand, 'micard');
      assert.equal(await expectNoGuard(page, { settle: 500 }), null);
      await focusField(page, '#loginId');
      await page.keyboard.type('taro1234');
      assert.equal(await valueOf(page, '#loginId'), 'taro1234');
      await focusField(page, '#password');
      await page.keyboard.type('s3cret!');
      assert.equal(await valueOf(page, '#password'), 's3cret!');
      const cdp = await b.ctx.newCDPSession(page);
      try {
        await focusField(page, '#loginId');
        await imeCommit(cdp, 'たろう', '太郎');
        assert.equal(await valueOf(page, '#loginId'), 'taro1234太郎', 'IME input reaches the field');
      } finally {
        await cdp.detach().catch(() => {});
      }
      await page.evaluate(() => { document.querySelector('#loginId').value = ''; });
      await paste(b, page, '#loginId');
      assert.equal(await valueOf(page, '#loginId'), 'pasted-id', 'paste reaches the field');
      assert.equal(await guardOf(page), null);
      await shot(page, 'chromium-official-login.png');
    });
  });

  it('(e) card PIN together with the card number on a host that claims no brand: danger', T, async () => {
    await withPage(b, async (page) => {
      await page.goto(URLS.pinNoBrand);
      const g = await waitForGuard(page, { level: 'danger', timeout: 15_000 });
      assert.equal(g.level, 'danger');
      await focusField(page, '#cardnum');
      await page.keyboard.type(CARD);
      assert.equal(await valueOf(page, '#cardnum'), '');
      await focusField(page, '#pin');
      await page.keyboard.type('1234');
      assert.equal(await valueOf(page, '#pin'), '');
      await sleep(300);
      await shot(page, 'chromium-danger-pin-no-brand.png');
    });
  });

  it('an ordinary shop\'s card checkout (no brand claimed): no danger, typing works', T, async () => {
    await withPage(b, async (page) => {
      await page.goto(URLS.merchant);
      const v = await waitForVerdict(b, URLS.merchant);
      assert.notEqual(v.level, 'danger', `verdict: ${JSON.stringify(v)}`);
      const g = await guardOf(page);
      assert.notEqual(g?.level, 'danger', `unexpected danger guard on a shop checkout: ${JSON.stringify(g)}`);
      await focusField(page, '#cc-number');
      await page.keyboard.type(CARD);
      assert.equal(await valueOf(page, '#cc-number'), CARD);
    });
  });

  it('a page without any field: no guard', T, async () => {
    await withPage(b, async (page) => {
      await page.goto(URLS.noFields);
      const v = await waitForVerdict(b, URLS.noFields);
      assert.ok(['none', 'safe'].includes(v.level), `verdict: ${JSON.stringify(v)}`);
      assert.equal(await expectNoGuard(page, { settle: 500 }), null);
    });
  });
});

describe('Chromium: "continue anyway" (dist/chrome)', { timeout: 240_000 }, () => {
  let server;
  let b;
  before(async () => {
    server = await startFixtureServer();
    b = await withTimeout(launchChromium(server), 60_000, 'launching Chromium with dist/chrome');
  });
  after(async () => {
    await b?.close();
    await server?.close();
  });

  it('(d) continuing on the danger page lets the person type, and is remembered for that origin only', T, async () => {
    const page = await b.ctx.newPage();
    page.setDefaultTimeout(15_000);
    try {
      await page.goto(URLS.contentPhish);
      await waitForGuard(page, { level: 'danger', timeout: 15_000 });
      await focusField(page, '#card_no');
      await page.keyboard.type('1111');
      assert.equal(await valueOf(page, '#card_no'), '', 'blocked before the choice');

      // Press the in-page "continue anyway" button with the mouse, as a person would.
      const cdp = await b.ctx.newCDPSession(page);
      let shadowType;
      try {
        shadowType = await clickGuardButton(page, cdp, 'continue');
      } finally {
        await cdp.detach().catch(() => {});
      }
      assert.equal(shadowType, 'closed', 'the guard UI lives in a closed shadow root');
      const end = Date.now() + 10_000;
      while ((await guardOf(page)) && Date.now() < end) await sleep(100);
      assert.equal(await guardOf(page), null, 'the guard is gone after "continue anyway"');
      await focusField(page, '#card_no');
      await page.keyboard.type(CARD);
      assert.equal(await valueOf(page, '#card_no'), CARD, 'typing works after "continue anyway"');
      await shot(page, 'chromium-after-continue.png');

      const origin = new URL(URLS.contentPhish).origin;
      const trusted = await b.sw.evaluate(() => globalThis.omamori?.trusted?.());
      assert.deepEqual(Object.keys(trusted ?? {}), [origin], 'exactly this origin is remembered');

      // Remembered for this origin: reload, and another path of the same origin.
      const since = Date.now();
      await page.reload();
      const v = await waitForVerdict(b, URLS.contentPhish, { since });
      assert.equal(v.trusted, true, `verdict after reload: ${JSON.stringify(v)}`);
      assert.equal(await expectNoGuard(page, { settle: 500 }), null, 'no guard after reload');
      await focusField(page, '#card_no');
      await page.keyboard.type('42');
      assert.equal(await valueOf(page, '#card_no'), '42', 'typing works after reload');
      await page.goto(new URL('/', URLS.contentPhish).href);
      assert.equal(await expectNoGuard(page, { settle: 1_500 }), null, 'no guard on another path of the origin');
    } finally {
      await page.close().catch(() => {});
    }

    // Not remembered for another phishing origin with the same kit.
    await withPage(b, async (p2) => {
      await p2.goto(URLS.contentPhish2);
      const g = await waitForGuard(p2, { level: 'danger', timeout: 15_000 });
      assert.equal(g.brand, 'micard');
      await focusField(p2, '#card_no');
      await p2.keyboard.type(CARD);
      assert.equal(await valueOf(p2, '#card_no'), '', 'another phishing origin is still guarded');
    });
  });
});
