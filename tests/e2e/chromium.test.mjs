// Browser end-to-end tests in Debian's Chromium (playwright-core) on the BUILT extension (dist/chrome).
// Every hostname is served by the local fixture server (host-resolver-rules), over HTTPS with a throwaway
// certificate; no traffic leaves loopback. Screenshots go to tests/e2e/out/.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { URLS } from './lib/sites.mjs';
import { launchChromium, openBrowser, closeBrowser } from './lib/browsers.mjs';
import {
  guardOf, waitForGuard, expectNoGuard, valueOf, focusField, waitForUrl, gotoLoose, sleep,
} from './lib/guard.mjs';
import {
  clickGuardButton, imeCommit, dropText, autofillCard, findClassInGuard, boxOf,
} from './lib/cdp.mjs';
import {
  shot, withPage, waitForVerdict, setClipboard, paste, until, badgeText,
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
    await withPage(b, async (page) => {
      await page.goto(URLS.pinNoBrand);
      await waitForGuard(page, { level: 'danger' });
      // The modal warning covers the page; hide its backdrop's effect by dropping exactly on the field's box.
      const cdp = await b.ctx.newCDPSession(page);
      try {
        await dropText(page, cdp, '#cardnum', CARD);
        await page.evaluate(() => {
          // A drop that reaches the element itself (as if nothing covered it): the guard cancels it too.
          const dt = new DataTransfer();
          dt.setData('text/plain', '4980');
          document.querySelector('#cardnum').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
        });
        await sleep(100);
        assert.equal(await valueOf(page, '#cardnum'), '', 'dropped text must not reach the field');
      } finally {
        await cdp.detach().catch(() => {});
      }
      assert.equal((await guardOf(page))?.level, 'danger');
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
    await withPage(b, async (page) => {
      await page.goto(URLS.pinNoBrand);
      await waitForGuard(page, { level: 'danger' });
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

  it('a cross-origin phishing iframe inside a harmless page: guarded inside the frame, badge "!"', T, async () => {
    await withPage(b, async (page) => {
      await page.goto(URLS.frameHost);
      const frame = await until(() => page.frames().find((f) => f.url() === URLS.contentPhish), { what: 'the phishing iframe' });
      const g = await waitForGuard(frame, { level: 'danger' });
      assert.equal(g.brand, 'micard');
      assert.equal(await guardOf(page), null, 'the harmless top page itself shows no guard');
      await frame.evaluate(() => document.querySelector('#card_no').focus());
      await page.keyboard.type(CARD);
      assert.equal(await valueOf(frame, '#card_no'), '', 'typing into the iframe is blocked');
      const v = await waitForVerdict(b, URLS.contentPhish, { frame: 'any' });
      assert.notEqual(v.frameId, 0);
      assert.equal(await badgeText(b, v.tabId), '!', 'the tab\'s badge shows the frame\'s danger');
      await shot(page, 'chromium-danger-iframe.png');
    });
  });

  it('fields a phishing page adds later are blocked from the moment they appear', T, async () => {
    await withPage(b, async (page) => {
      await page.goto(URLS.fieldsLater);
      await waitForVerdict(b, URLS.fieldsLater);
      assert.notEqual((await guardOf(page))?.level, 'danger', 'no danger before the page asks for anything');
      await page.evaluate(() => window.addCardForm());
      // At once: the new field is pending (not covered by any verdict yet).
      await focusField(page, '#card_no').catch(() => {});
      await page.keyboard.type(CARD);
      await waitForGuard(page, { level: 'danger' });
      assert.equal(await valueOf(page, '#card_no'), '', 'keys typed into a field added later never reach it');
      await focusField(page, '#pin');
      await page.keyboard.type('1234');
      assert.equal(await valueOf(page, '#pin'), '');
    });
  });

  it('after an SPA navigation (pushState) to a phishing login form: danger, typing blocked', T, async () => {
    await withPage(b, async (page) => {
      await page.goto(URLS.spa);
      await waitForVerdict(b, URLS.spa);
      assert.equal(await guardOf(page), null, 'the SPA\'s harmless start page shows no guard');
      await page.click('#to-login'); // a real click on the app's own link: pushState, no new document
      assert.equal(new URL(page.url()).pathname, '/login');
      await page.waitForSelector('#loginId');
      await focusField(page, '#loginId').catch(() => {});
      await page.keyboard.type('taro1234');
      const g = await waitForGuard(page, { level: 'danger' });
      assert.equal(g.brand, 'micard');
      assert.equal(await valueOf(page, '#loginId'), '', 'nothing typed after the SPA navigation reaches the form');
      await focusField(page, '#password');
      await page.keyboard.type('s3cret');
      assert.equal(await valueOf(page, '#password'), '');
    });
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

  it('(d) continuing on the danger page lets the person type, and is remembered for that origin only', T, async () => {
    await b.sw.evaluate(() => globalThis.omamori.reset());
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
