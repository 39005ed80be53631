// Browser end-to-end tests in Debian's Firefox ESR (puppeteer-core, WebDriver BiDi) on the BUILT add-on
// (dist/firefox, installed as a temporary add-on). Firefox has no host-resolver-rules, so it goes through the
// fixture server's HTTP proxy (prefs), which tunnels the fixture hostnames to the local HTTPS server and refuses
// every other host: no traffic leaves loopback. Screenshots go to tests/e2e/out/.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { startFixtureServer } from './lib/server.mjs';
import { URLS } from './lib/sites.mjs';
import { launchFirefox, OUT_DIR, withTimeout } from './lib/browsers.mjs';
import {
  guardOf, waitForGuard, expectNoGuard, valueOf, focusField, waitForUrl, gotoLoose, sleep,
} from './lib/guard.mjs';

mkdirSync(OUT_DIR, { recursive: true });
const shot = (page, name) => page.screenshot({ path: path.join(OUT_DIR, name) }).catch(() => {});
const CARD = '4980123412341234';
const T = { timeout: 60_000 };

describe('Firefox ESR: dist/firefox', { timeout: 300_000 }, () => {
  let server;
  let b;
  before(async () => {
    server = await startFixtureServer();
    b = await withTimeout(launchFirefox(server), 90_000, 'launching Firefox ESR with dist/firefox');
  });
  after(async () => {
    await b?.close();
    await server?.close();
  });

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
      assert.equal(await expectNoGuard(page, { settle: 3_000 }), null);
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
