// Judge the tab (issue 15), in Chromium (dist/chrome): a top page that presents itself as MI Card on a host that is
// not MI Card's, with the card form in a cross-origin iframe from a second host that names no brand
// (frame-claim-top.html + psp-card-form.html). Each frame alone looks harmless; the tab is an MI Card phishing page.
// The frame's check is judged with the top page's claim: `danger` (the tab at the warning page with `frame=`, or the
// in-page guard in the frame: waitForDanger), and keys, insertText and Chromium's own card autofill never reach its
// fields. The same payment form under a shop that claims no brand, and under the brand's own official page, stays
// silent and takes all three (the trap: a shop's checkout with a payment provider's card iframe). The claim may be
// one frame up (a top page naming no brand that frames the claiming page). A top page that dresses itself as the
// brand only after loading makes the frame be checked again.
// On the code before this change the frame was judged alone (the top page's claim reached it only when the top
// frame's verdict happened to be recorded first, which it never is here: the top page's check waits for `load`, which
// waits for the frame): no warning, and every keystroke got in.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { URLS } from './lib/sites.mjs';
import { launchChromium, openBrowser, closeBrowser } from './lib/browsers.mjs';
import { waitForDanger, expectNoGuard, guardOf, valueOf, gotoLoose, WARNING_PAGE_RE } from './lib/guard.mjs';
import { autofillCard } from './lib/cdp.mjs';
import { shot, withPage, waitForVerdict, until, sendToWarning } from './lib/chromium.mjs';

const CARD = '4980123412341234';
const T = { timeout: 60_000 };
const CARD_INFO = { number: CARD, name: 'TARO YAMADA', expiryMonth: '12', expiryYear: '2030', cvc: '123' };

describe('Chromium: judge the tab — a brand claimed by the top page, the card form in a cross-origin frame (issue 15)', { timeout: 300_000 }, () => {
  let server;
  let b;
  before(async () => ({ server, b } = await openBrowser(launchChromium)));
  after(() => closeBrowser(b, server));

  /** The payment form's frame in the page (the frame object, once its card field exists). */
  const formFrame = (page) => until(async () => {
    const f = page.frames().find((x) => x.url() === URLS.pspForm);
    return f && (await f.$('#cc-number').catch(() => null)) ? f : null;
  }, { what: 'the payment form\'s frame' });

  /**
   * Types into the frame's card field by keys, by insertText and by Chromium's card autofill (DevTools, through a
   * session of the out-of-process frame); returns the field's value after each ('' = nothing got in), or 'gone' when
   * the frame is no longer there (the tab went to the warning page).
   */
  async function typeInto(page, frame) {
    const out = {};
    const field = () => valueOf(frame, '#cc-number');
    const focus = () => frame.evaluate(() => document.querySelector("#cc-number").focus());
    try {
      await frame.evaluate(() => { document.querySelector('#cc-number').value = ''; });
      await focus();
      await page.keyboard.type(CARD, { delay: 5 });
      out.keys = await field();
      await frame.evaluate(() => { document.querySelector('#cc-number').value = ''; });
      await focus();
      await page.keyboard.insertText(CARD);
      out.insertText = await field();
      await frame.evaluate(() => { document.querySelector('#cc-number').value = ''; });
      const cdp = await b.ctx.newCDPSession(frame);
      try {
        await focus();
        await autofillCard(page, cdp, '#cc-number', CARD_INFO).catch(() => {});
        // autofill lands asynchronously: wait for it where nothing blocks it, a while where something does
        out.autofill = await until(field, { timeout: 3_000, what: 'autofill' }).catch(() => '');
      } finally {
        await cdp.detach().catch(() => {});
      }
    } catch (e) {
      if (frame.isDetached()) return 'gone';
      throw e;
    }
    return out;
  }

  it('the attack: top page claims MI Card, the card form in a frame from a second host → danger; keys, insertText, autofill never get in', T, async () => {
    // the tab kept on the page (the background not sending it away) to type into the frame once it is judged
    await sendToWarning(b, false);
    try {
      await withPage(b, async (page) => {
        await page.goto(URLS.frameClaim, { waitUntil: 'domcontentloaded' });
        const frame = await formFrame(page);
        // the frame's page check (not its URL alone) is judged with the top page's claim
        const v = await waitForVerdict(b, URLS.pspForm, { frame: 'any' });
        assert.equal(v.level, 'danger', `the frame's verdict: ${JSON.stringify(v)}`);
        assert.equal(v.brand, 'micard');
        assert.ok(v.rules.includes('brand-claim-credentials'), JSON.stringify(v.rules));
        await shot(page, 'chromium-frame-claim.png');
        assert.deepEqual(await typeInto(page, frame), { keys: '', insertText: '', autofill: '' },
          'nothing gets into the frame\'s card field');
      });
    } finally {
      await sendToWarning(b, true);
    }
    // and the tab goes to the warning page, which names the frame
    await withPage(b, async (page) => {
      await gotoLoose(page, URLS.frameClaim);
      const seen = await waitForDanger(page);
      assert.equal(seen.brand, 'micard', JSON.stringify(seen));
      assert.equal(seen.frame, URLS.pspForm, 'the warning page names the frame');
    });
  });

  it('keys typed into the frame as soon as its field exists never get in either', T, async () => {
    await withPage(b, async (page) => {
      await page.goto(URLS.frameClaim, { waitUntil: 'commit' });
      // (on a busy machine the tab can be on the warning page before the test finds the frame: nothing was typed)
      const frame = await formFrame(page).catch((e) => (WARNING_PAGE_RE.test(page.url()) ? null : Promise.reject(e)));
      const typed = frame && await typeInto(page, frame).catch((e) => (frame.isDetached() ? 'gone' : Promise.reject(e)));
      if (frame && typed !== 'gone') assert.deepEqual(typed, { keys: '', insertText: '', autofill: '' });
      await waitForDanger(page, frame ? { frame } : {});
    });
  });

  it('the trap: the same payment form under a shop that claims no brand stays silent and takes keys, insertText and autofill', T, async () => {
    await withPage(b, async (page) => {
      await page.goto(URLS.merchantPsp);
      const frame = await formFrame(page);
      const v = await waitForVerdict(b, URLS.pspForm, { frame: 'any' });
      assert.equal(v.level, 'none', `the frame's verdict under a shop: ${JSON.stringify(v)}`);
      assert.equal(await expectNoGuard(frame, { settle: 500 }), null);
      assert.equal(await guardOf(page), null);
      assert.deepEqual(await typeInto(page, frame), { keys: CARD, insertText: CARD, autofill: CARD },
        'the same keys, text and autofill reach the field where nothing is wrong');
    });
  });

  it('the same payment form under the brand\'s own official page stays silent: a claim the top page lives up to is no claim against the frame', T, async () => {
    await withPage(b, async (page) => {
      await page.goto(URLS.officialPsp);
      const frame = await formFrame(page);
      const top = await waitForVerdict(b, URLS.officialPsp);
      assert.equal(top.level, 'safe', JSON.stringify(top));
      const v = await waitForVerdict(b, URLS.pspForm, { frame: 'any' });
      assert.equal(v.level, 'none', `the frame's verdict under the official page: ${JSON.stringify(v)}`);
      assert.equal(await expectNoGuard(frame, { settle: 500 }), null);
      assert.deepEqual(await typeInto(page, frame), { keys: CARD, insertText: CARD, autofill: CARD });
    });
  });

  it('the claim one frame up: a top page naming no brand frames the MI Card page from a second host, whose card form is a frame from a third → danger', T, async () => {
    await withPage(b, async (page) => {
      await gotoLoose(page, URLS.frameClaimWrapped);
      // (the tab may be on the warning page before the card frame could be looked at, and the tab's records of its
      // frames go with the page: the warning page's address names the frame and the brand)
      const seen = await waitForDanger(page);
      assert.equal(seen.frame, URLS.pspForm, `danger in the card frame: ${JSON.stringify(seen)}`);
      assert.equal(seen.brand, 'micard');
    });
  });

  it('a top page that dresses itself as MI Card after loading: the frame is checked again and becomes danger', T, async () => {
    await withPage(b, async (page) => {
      await page.goto(URLS.frameClaimLate);
      const frame = await formFrame(page);
      const before = await waitForVerdict(b, URLS.pspForm, { frame: 'any' });
      assert.equal(before.level, 'none', `before the claim: ${JSON.stringify(before)}`);
      await waitForVerdict(b, URLS.frameClaimLate); // the top page's own check has answered, with no claim
      // before the claim, the form takes typing (this is what the page counts on)
      await frame.evaluate(() => document.querySelector('#cc-name').focus());
      await page.keyboard.type('TARO');
      assert.equal(await valueOf(frame, '#cc-name'), 'TARO');

      const since = Date.now();
      await page.evaluate(() => window.dressAsBrand());
      const top = await waitForVerdict(b, URLS.frameClaimLate, { since });
      const seen = await waitForDanger(page, { frame, timeout: 15_000 });
      assert.equal(seen.brand, 'micard', JSON.stringify({ seen, top }));
      assert.equal(seen.frame, URLS.pspForm, JSON.stringify(seen));
    });
  });
});
