// Browser end-to-end tests in Debian's Chromium (playwright-core) on the BUILT extension (dist/chrome).
// Every hostname is served by the local fixture server (host-resolver-rules), over HTTPS with a throwaway
// certificate; no traffic leaves loopback. Screenshots go to tests/e2e/out/.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { URLS } from './lib/sites.mjs';
import { launchChromium, openBrowser, closeBrowser } from './lib/browsers.mjs';
import {
  guardOf, expectNoGuard, valueOf, focusField, waitForUrl, waitForWarning, gotoLoose, sleep, WARNING_PAGE_RE,
} from './lib/guard.mjs';
import {
  clickGuardButton, imeCommit, dropText, autofillCard, findClassInGuard, boxOf,
} from './lib/cdp.mjs';
import {
  shot, withPage, waitForVerdict, setClipboard, paste, until, badgeText, tabIdOf, sendToWarning, typeInto,
  continueOnWarningPage, onKeptDangerPage,
} from './lib/chromium.mjs';

const CARD = '4980123412341234';
const T = { timeout: 60_000 };
const CARD_INFO = { number: CARD, name: 'TARO YAMADA', expiryMonth: '12', expiryYear: '2030', cvc: '123' };

describe('Chromium: dist/chrome', { timeout: 400_000 }, () => {
  let server;
  let b;
  before(async () => ({ server, b } = await openBrowser(launchChromium)));
  after(() => closeBrowser(b, server));

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

  it('(b) a card page that claims MI Card on an unrelated host: the tab goes to the warning page, which shows the page\'s verdict', T, async () => {
    await withPage(b, async (page) => {
      await gotoLoose(page, URLS.contentPhish);
      const w = await waitForWarning(page);
      assert.equal(w.url, URLS.contentPhish, 'url = the page that was judged');
      assert.equal(w.brand, 'micard');
      assert.equal(w.frame, null);
      assert.match(w.token ?? '', /^[0-9a-f-]{36}$/, 'a token for the page\'s verdict');
      assert.ok(w.href.startsWith(`chrome-extension://${b.extId}/`), 'the extension\'s own page');
      // What the PAGE was judged on (the address alone says nothing here): the fields it asked for, its reasons.
      assert.equal((await b.sw.evaluate((u) => globalThis.omamori.checkUrl(u), URLS.contentPhish)).level, 'none', 'control: the URL alone is no danger');
      assert.equal(await page.textContent('h1'), '「エムアイカード」を装った偽サイトの可能性があります');
      const asks = await page.textContent('.om-asks');
      for (const k of ['カード番号', '暗証番号', 'セキュリティコード']) assert.ok(asks.includes(k), `asks for ${k}: ${asks}`);
      assert.ok((await page.$$('.om-reasons li')).length >= 2, 'the page\'s reasons');
      assert.match(await page.textContent('.om-addr'), /secure-verify-center\.com/);
      const tabId = await tabIdOf(b, b.extUrl('warning/warning.html'));
      await until(async () => (await badgeText(b, tabId)) === '!', { what: 'badge "!" on the warning page', timeout: 5_000 });
      await shot(page, 'chromium-warning-page-page-level.png');
    });
  });

  it('(b) until the tab has left, keys, IME, paste are held; the background is asked again (control: they reach an official page\'s field)', T, async () => {
    await setClipboard(b, CARD);
    // Control: the same input methods reach a field where nothing is wrong.
    await withPage(b, async (page) => {
      await page.goto(URLS.officialLogin);
      await waitForVerdict(b, URLS.officialLogin);
      assert.equal(await typeInto(page, '#loginId', CARD), CARD, 'keys reach the control page\'s field');
      const cdp = await b.ctx.newCDPSession(page);
      try {
        await focusField(page, '#password');
        await imeCommit(cdp, 'よんきゅうはち', '4980');
        assert.equal(await valueOf(page, '#password'), '4980', 'IME reaches it');
        await page.evaluate(() => { document.querySelector('#loginId').value = ''; });
        await focusField(page, '#loginId');
        await cdp.send('Input.insertText', { text: 'TARO YAMADA' });
        assert.equal(await valueOf(page, '#loginId'), 'TARO YAMADA', 'inserted text reaches it');
      } finally {
        await cdp.detach().catch(() => {});
      }
      await page.evaluate(() => { document.querySelector('#loginId').value = ''; });
      await paste(b, page, '#loginId');
      assert.equal(await valueOf(page, '#loginId'), CARD, 'paste reaches it');
    });
    await onKeptDangerPage(b, URLS.contentPhish, async (page) => {
      assert.equal(await guardOf(page), null, 'nothing is drawn in the page for a danger');
      assert.equal(await typeInto(page, '#card_no', CARD), '', 'typed card number must not reach the field');
      assert.equal(await typeInto(page, '#pin', '1234'), '', 'typed PIN must not reach the field');
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
      await paste(b, page, '#card_no');
      assert.equal(await valueOf(page, '#card_no'), '', 'pasted card number must not reach the field');
      // The background can navigate again: the content script, still on a danger page, asks again.
      await sendToWarning(b, true);
      const w = await waitForWarning(page, { timeout: 15_000 });
      assert.equal(w.url, URLS.contentPhish);
    });
  });

  it('(b) keystrokes sent as soon as the document exists never reach the field (control: they do on a shop\'s page)', T, async () => {
    await withPage(b, async (page) => {
      await page.goto(URLS.merchant, { waitUntil: 'domcontentloaded' });
      await waitForVerdict(b, URLS.merchant);
      assert.equal(await typeInto(page, '#cc-number', CARD), CARD, 'control: the keys reach a field where nothing is wrong');
    });
    await sendToWarning(b, false);
    try {
      await withPage(b, async (page) => {
        await page.goto(URLS.contentPhish, { waitUntil: 'domcontentloaded' });
        await typeInto(page, '#card_no', CARD);
        assert.equal((await waitForVerdict(b, URLS.contentPhish)).level, 'danger');
        assert.equal(await valueOf(page, '#card_no'), '', 'keys typed before the verdict must not reach the field');
      });
    } finally {
      await sendToWarning(b, true);
    }
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

  it('(e) card PIN together with the card number on a host that claims no brand: danger (the warning page, no brand)', T, async () => {
    await withPage(b, async (page) => {
      await gotoLoose(page, URLS.pinNoBrand);
      const w = await waitForWarning(page);
      assert.equal(w.url, URLS.pinNoBrand);
      assert.equal(w.brand, null);
      assert.equal(await page.textContent('h1'), '偽サイト(フィッシングサイト)の可能性があります');
      assert.match(await page.textContent('.om-asks'), /暗証番号/);
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

  it('drag-and-drop of text into a field: works on the official page, does nothing on a danger page', T, async () => {
    await withPage(b, async (page) => {
      await page.goto(URLS.officialLogin);
      await waitForVerdict(b, URLS.officialLogin);
      const cdp = await b.ctx.newCDPSession(page);
      try {
        await dropText(page, cdp, '#loginId', 'dropped-id');
        assert.equal(await valueOf(page, '#loginId'), 'dropped-id', 'the drop reaches the field where nothing is wrong');
      } finally {
        await cdp.detach().catch(() => {});
      }
    });
    await onKeptDangerPage(b, URLS.pinNoBrand, async (page) => {
      const cdp = await b.ctx.newCDPSession(page);
      try {
        await dropText(page, cdp, '#cardnum', CARD);
        await page.evaluate(() => {
          // A drop that reaches the element itself: the guard cancels it too.
          const dt = new DataTransfer();
          dt.setData('text/plain', '4980');
          document.querySelector('#cardnum').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
        });
        await sleep(100);
        assert.equal(await valueOf(page, '#cardnum'), '', 'dropped text must not reach the field');
      } finally {
        await cdp.detach().catch(() => {});
      }
    });
  });

  it('browser autofill fills an ordinary checkout, and nothing on a danger page', T, async () => {
    await withPage(b, async (page) => {
      await page.goto(URLS.merchant);
      await waitForVerdict(b, URLS.merchant);
      const cdp = await b.ctx.newCDPSession(page);
      try {
        await focusField(page, '#cc-number');
        await autofillCard(page, cdp, '#cc-number', CARD_INFO);
        await until(() => valueOf(page, '#cc-number'), { what: 'autofill on the shop page' });
        assert.equal(await valueOf(page, '#cc-number'), CARD, 'autofill works where nothing is wrong');
      } finally {
        await cdp.detach().catch(() => {});
      }
    });
    await onKeptDangerPage(b, URLS.pinNoBrand, async (page) => {
      const cdp = await b.ctx.newCDPSession(page);
      try {
        await focusField(page, '#cardnum');
        await autofillCard(page, cdp, '#cardnum', CARD_INFO).catch(() => {});
        await sleep(800);
        for (const f of ['#cardnum', '#expiry', '#pin']) assert.equal(await valueOf(page, f), '', `autofill must not fill ${f}`);
      } finally {
        await cdp.detach().catch(() => {});
      }
    });
  });

  it('a cross-origin phishing iframe inside a harmless page: the tab goes to the warning page for the top page, frame = the iframe', T, async () => {
    await withPage(b, async (page) => {
      await gotoLoose(page, URLS.frameHost);
      const w = await waitForWarning(page);
      assert.equal(w.url, URLS.frameHost, 'url = the top page');
      assert.equal(w.frame, URLS.contentPhish, 'frame = the frame that was judged');
      assert.equal(w.brand, 'micard');
      const text = await page.textContent('main');
      assert.ok(text.includes('フレーム') && text.includes(URLS.contentPhish), 'the warning says it is about a frame, and which');
      assert.match(await page.textContent('.om-addr .om-host-line'), /secure-verify-center\.com/, 'the judged host is the frame\'s');
      await shot(page, 'chromium-danger-iframe.png');
    });
  });

  it('fields a phishing page adds later are blocked from the moment they appear (control: a shop\'s field takes the same keys)', T, async () => {
    await withPage(b, async (page) => {
      await page.goto(URLS.merchant);
      await waitForVerdict(b, URLS.merchant);
      assert.equal(await typeInto(page, '#cc-number', CARD), CARD, 'control');
    });
    await sendToWarning(b, false);
    try {
      await withPage(b, async (page) => {
        await page.goto(URLS.fieldsLater);
        assert.notEqual((await waitForVerdict(b, URLS.fieldsLater)).level, 'danger', 'no danger before the page asks for anything');
        await page.evaluate(() => window.addCardForm());
        // At once: the new field is pending (not covered by any verdict yet).
        await typeInto(page, '#card_no', CARD);
        await until(async () => (await waitForVerdict(b, URLS.fieldsLater)).level === 'danger', { what: 'danger' });
        assert.equal(await valueOf(page, '#card_no'), '', 'keys typed into a field added later never reach it');
        assert.equal(await typeInto(page, '#pin', '1234'), '');
        await sendToWarning(b, true);
        assert.equal((await waitForWarning(page)).url, URLS.fieldsLater);
      });
    } finally {
      await sendToWarning(b, true);
    }
  });

  it('after an SPA navigation (pushState) to a phishing login form: danger, typing blocked, then the warning page', T, async () => {
    await sendToWarning(b, false);
    try {
      await withPage(b, async (page) => {
        await page.goto(URLS.spa);
        await waitForVerdict(b, URLS.spa);
        assert.equal(await guardOf(page), null, 'the SPA\'s harmless start page shows no guard');
        await page.click('#to-login'); // a real click on the app's own link: pushState, no new document
        assert.equal(new URL(page.url()).pathname, '/login');
        await page.waitForSelector('#loginId');
        await typeInto(page, '#loginId', 'taro1234');
        const login = new URL('/login', URLS.spa).href;
        await until(async () => (await waitForVerdict(b, login).catch(() => ({}))).level === 'danger', { what: 'danger after pushState' });
        assert.equal(await valueOf(page, '#loginId'), '', 'nothing typed after the SPA navigation reaches the form');
        assert.equal(await typeInto(page, '#password', 's3cret'), '');
        await sendToWarning(b, true);
        const w = await waitForWarning(page);
        assert.equal(w.url, login);
        assert.equal(w.brand, 'micard');
      });
    } finally {
      await sendToWarning(b, true);
    }
  });

  it('caution (card fields on shared hosting): a calm notice beside the focused field, typing works', T, async () => {
    await withPage(b, async (page) => {
      await page.goto(URLS.caution);
      const v = await waitForVerdict(b, URLS.caution);
      assert.equal(v.level, 'caution', `verdict: ${JSON.stringify(v)}`);
      assert.equal((await guardOf(page))?.level, 'caution');
      const cdp = await b.ctx.newCDPSession(page);
      try {
        await page.click('#cc-number'); // a real click: caution never covers the page
        const notice = await until(async () => {
          const f = await findClassInGuard(cdp, 'om-notice-wrap');
          return f.node && !('hidden' in f.attrs) ? f : null;
        }, { what: 'the caution notice' });
        const nb = await boxOf(cdp, notice.node);
        const fb = await page.locator('#cc-number').boundingBox();
        assert.ok(nb && nb.w > 100, 'the notice is shown');
        const near = Math.abs(nb.y - (fb.y + fb.height / 2)) < 300 && Math.abs(nb.x - (fb.x + fb.width)) < 700;
        assert.ok(near, `the notice is next to the field (notice ${JSON.stringify(nb)}, field ${JSON.stringify(fb)})`);
        await page.keyboard.type(CARD);
        assert.equal(await valueOf(page, '#cc-number'), CARD, 'caution never blocks typing');
        assert.equal(await page.evaluate(() => document.activeElement?.id), 'cc-number', 'focus stays in the field');
        await shot(page, 'chromium-caution-notice.png');
        // A click on the notice's text keeps the focus in the field; its "close" button hides it.
        const title = await findClassInGuard(cdp, 'om-notice-title');
        const tb = await boxOf(cdp, title.node);
        await page.mouse.click(tb.x, tb.y);
        assert.equal(await page.evaluate(() => document.activeElement?.id), 'cc-number', 'clicking the notice keeps the focus');
        await clickGuardButton(page, cdp, 'notice-close');
        await until(async () => 'hidden' in ((await findClassInGuard(cdp, 'om-notice-wrap')).attrs ?? {}), { what: 'notice closed' });
        assert.equal((await guardOf(page))?.level, 'caution', 'the page is still marked caution');
      } finally {
        await cdp.detach().catch(() => {});
      }
    });
  });

  it('(d) "continue anyway" on the warning page: back to the page, which takes typing; remembered for that origin only', T, async () => {
    await b.sw.evaluate(() => globalThis.omamori.reset());
    const page = await b.ctx.newPage();
    page.setDefaultTimeout(15_000);
    try {
      await gotoLoose(page, URLS.contentPhish);
      await waitForWarning(page);
      await continueOnWarningPage(page);
      await waitForUrl(page, /^https:\/\/secure-verify-center\.com\/card$/);
      const v0 = await waitForVerdict(b, URLS.contentPhish);
      assert.equal(v0.trusted, true);
      assert.equal(await typeInto(page, '#card_no', CARD), CARD, 'typing works after "continue anyway"');
      await shot(page, 'chromium-after-continue.png');

      const origin = new URL(URLS.contentPhish).origin;
      const trusted = await b.sw.evaluate(() => globalThis.omamori?.trusted?.());
      assert.deepEqual(Object.keys(trusted ?? {}), [origin], 'exactly this origin is remembered');

      // Remembered for this origin: reload, and another path of the same origin.
      const since = Date.now();
      await page.reload();
      const v = await waitForVerdict(b, URLS.contentPhish, { since });
      assert.equal(v.trusted, true, `verdict after reload: ${JSON.stringify(v)}`);
      assert.equal(await typeInto(page, '#card_no', '42'), '42', 'typing works after reload');
      assert.equal(page.url(), URLS.contentPhish, 'still on the page');
      await page.goto(new URL('/', URLS.contentPhish).href);
      await sleep(1_500);
      assert.equal(new URL(page.url()).host, 'secure-verify-center.com', 'no warning on another path of the origin');
    } finally {
      await page.close().catch(() => {});
    }

    // Not remembered for another phishing origin with the same kit.
    await withPage(b, async (p2) => {
      await gotoLoose(p2, URLS.contentPhish2);
      const w = await waitForWarning(p2);
      assert.equal(w.url, URLS.contentPhish2);
      assert.equal(w.brand, 'micard');
    });
  });

  it('"continue anyway" is a deliberate act: not in the page\'s first second, not in a burst of clicks, not by a held-down key', T, async () => {
    await b.sw.evaluate(() => globalThis.omamori.reset());
    await withPage(b, async (page) => {
      await gotoLoose(page, URLS.contentPhish);
      await waitForWarning(page);
      // At once (a click aimed at the page that was here a moment ago).
      await page.click('[data-act="continue"]');
      await sleep(300);
      assert.match(await page.textContent('.om-status'), /誤って押されるのを防ぐため/, 'the page says why nothing happened');
      // A burst: click after click, every 300 ms, for 2 s.
      for (let i = 0; i < 7; i++) {
        await page.click('[data-act="continue"]');
        await sleep(300);
      }
      assert.deepEqual(await b.sw.evaluate(() => globalThis.omamori.trusted()), {}, 'none of those clicks trusted the site');
      // A key that went down at once and is held (auto-repeat) after the first second.
      await page.reload();
      await page.waitForSelector('[data-act="continue"]');
      await page.focus('[data-act="continue"]');
      await page.keyboard.down('Enter');
      await sleep(1_200);
      await page.keyboard.down('Enter'); // auto-repeat
      await page.keyboard.down('Enter');
      await page.keyboard.up('Enter');
      await sleep(300);
      assert.ok(WARNING_PAGE_RE.test(page.url()), 'still on the warning page');
      assert.deepEqual(await b.sw.evaluate(() => globalThis.omamori.trusted()), {}, 'a held-down key trusted nothing');
      // A click after a pause is the person's choice.
      await sleep(1_100);
      await page.click('[data-act="continue"]');
      await waitForUrl(page, /^https:\/\/secure-verify-center\.com\/card$/);
    });
    const origin = new URL(URLS.contentPhish).origin;
    assert.deepEqual(Object.keys(await b.sw.evaluate(() => globalThis.omamori.trusted())), [origin]);
  });

  it('back from the warning page to a danger page lands on the warning again; "leave" goes to the official site', T, async () => {
    await b.sw.evaluate(() => globalThis.omamori.reset());
    await withPage(b, async (page) => {
      await page.goto(URLS.noFields);
      await gotoLoose(page, URLS.contentPhish);
      await waitForWarning(page);
      await page.goBack().catch(() => {});
      await sleep(500);
      const w = await waitForWarning(page);
      assert.equal(w.url, URLS.contentPhish, 'back on the page: the warning again');
      assert.deepEqual(await b.sw.evaluate(() => globalThis.omamori.trusted()), {});
      await page.click('[data-act="leave"]');
      await waitForUrl(page, /^https:\/\/www\.micard\.co\.jp\//);
    });
  });

  it('the warning page still shows the page\'s own verdict after the service worker was stopped (storage.session)', T, async () => {
    await withPage(b, async (page) => {
      await gotoLoose(page, URLS.contentPhish);
      await waitForWarning(page);
      const asks = await page.textContent('.om-asks');
      assert.match(asks, /暗証番号/, 'the page\'s verdict (the address alone asks for nothing)');
      const cdp = await b.ctx.newCDPSession(page);
      try {
        await cdp.send('ServiceWorker.enable').catch(() => {});
        await cdp.send('ServiceWorker.stopAllWorkers');
      } finally {
        await cdp.detach().catch(() => {});
      }
      await sleep(500);
      await page.reload();
      await page.waitForSelector('[data-act="leave"]');
      assert.equal(await page.textContent('.om-asks').catch(() => null), asks, 'the same verdict, from storage.session');
      b.sw = await until(() => b.ctx.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')), { what: 'the worker again' });
    });
  });
});
