// Issue 15, class 1 (Chromium, dist/chrome): phishing pages written by someone who has read Omamori's source, that
// take over, cover, shrink or blank out an in-page danger warning and lure a real click onto its "continue anyway"
// (tests/fixtures/takeover.html at https://otoiawase-madoguchi.com/takeover/<attack>), then take the card number,
// which the page sends to its own server (GET /typed?…): the fixture server sees what got in. The person here does
// what the page asks: clicks 「確認して次へ」 where the page draws it (with the mouse), then types the card number.
// The contract: the tab reaches the extension's warning.html (which no page can draw over, restyle or click)
// before anything typed gets in, and nothing gets trusted. And the caution notice, the one warning still drawn in a
// page: on a page that pre-defines the element name, its constructor gets no shadow root of ours.
import { describe, it, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { URLS } from './lib/sites.mjs';
import { launchChromium, openBrowser, closeBrowser } from './lib/browsers.mjs';
import { gotoLoose, sleep, waitForUrl, guardOf, valueOf, WARNING_PAGE_RE } from './lib/guard.mjs';
import { findInGuard, boxOf } from './lib/cdp.mjs';
import { withPage, resetLists, shot, waitForVerdict, until } from './lib/chromium.mjs';

const CARD = '4980123412341234';
const T = { timeout: 60_000 };

describe('Chromium: a page cannot take over, cover or shrink the danger warning (issue 15)', { timeout: 300_000 }, () => {
  let server;
  let b;
  before(async () => ({ server, b } = await openBrowser(launchChromium)));
  after(() => closeBrowser(b, server));
  beforeEach(() => resetLists(b));

  const onWarning = (page) => WARNING_PAGE_RE.test(page.url());

  /** What reached the page's fields, as its own server saw it (GET /typed?f=…&v=…) since request number `mark`. */
  const typedSince = (mark) => server.requests.slice(mark).filter((r) => r.path.startsWith('/typed'))
    .map((r) => new URL(r.path, 'https://x.invalid').searchParams.get('v')).filter(Boolean);

  /** Where an in-page warning's "continue anyway" is (what an attacker reads off its layout), or null. */
  async function continueInPage(page) {
    const cdp = await b.ctx.newCDPSession(page);
    try {
      const found = await findInGuard(cdp, 'data-act', 'continue');
      return found.node ? boxOf(cdp, found.node) : null;
    } catch {
      return null;
    } finally {
      await cdp.detach().catch(() => {});
    }
  }

  /** The person types the card number into the page's form (a real click on the field first), if still there. */
  async function typeCard(page) {
    if (onWarning(page)) return;
    await page.click('#card_no', { timeout: 1_500 }).catch(() => {});
    await page.keyboard.type(CARD, { delay: 5 }).catch(() => {});
  }

  /** The tab is on the extension's warning page for `url` (brand micard), nothing got in, nothing is trusted. */
  async function assertHeld(page, url, mark, what) {
    const reached = await waitForUrl(page, WARNING_PAGE_RE, { timeout: 10_000 }).catch((e) => e);
    await sleep(500);
    assert.deepEqual(typedSince(mark), [], `${what}: nothing typed may reach the page`);
    assert.deepEqual(await b.sw.evaluate(() => globalThis.omamori.trusted()), {}, `${what}: nothing may be trusted`);
    if (reached instanceof Error) throw reached;
    const at = new URL(reached);
    assert.equal(at.host, b.extId, 'the extension\'s own warning page');
    assert.equal(at.searchParams.get('url'), url);
    assert.equal(at.searchParams.get('brand'), 'micard');
  }

  /**
   * One attack: load the page, type at once (before any verdict), then, while the tab is still on the page, click
   * the lure where the page draws it (over an in-page warning's "continue anyway": the stolen shadow root tells the
   * page where it is, or the test reads it off the layout for the page), then type the card number.
   */
  async function attack(page, name) {
    const url = URLS.takeover(name);
    const mark = server.requests.length;
    await gotoLoose(page, url, { waitUntil: 'domcontentloaded' });
    await typeCard(page);
    const end = Date.now() + 8_000;
    let clicked = false;
    while (!clicked && Date.now() < end && !onWarning(page)) {
      let at = await page.evaluate(() => window.__lurePoint && window.__lurePoint()).catch(() => null);
      if (!at && name !== 'predefine') {
        at = await continueInPage(page);
        if (at) await page.evaluate(({ x, y }) => window.__lure(x, y), at).catch(() => {});
      }
      if (at) {
        await sleep(200);
        if (onWarning(page)) break;
        await page.mouse.click(at.x, at.y).catch(() => {});
        clicked = true;
      } else {
        await sleep(100);
      }
    }
    await typeCard(page);
    await assertHeld(page, url, mark, name);
    return page;
  }

  it('a page that pre-defines <omamori-guard> to steal its closed shadow root (ElementInternals): warning page', T, () => withPage(b, async (page) => {
    await attack(page, 'predefine');
    await shot(page, 'chromium-takeover-predefine.png');
  }));

  it('a page modal <dialog> in a closed shadow root, re-opened over ours every 50 ms, see-through for the pointer: warning page', T,
    () => withPage(b, (page) => attack(page, 'modal')));

  it('a popover re-opened over ours every 50 ms, see-through for the pointer: warning page', T,
    () => withPage(b, (page) => attack(page, 'popover')));

  it('html { zoom: .02 } (the warning a speck) with body { zoom: 50 }: warning page', T,
    () => withPage(b, (page) => attack(page, 'zoom')));

  it('@font-face redefining the warning\'s font names with size-adjust: 1%: warning page', T,
    () => withPage(b, (page) => attack(page, 'fonts')));

  it('a "click five times" game whose target moves to where "continue anyway" appears: the clicks trust nothing', T, async () => {
    const url = URLS.takeover('game');
    // The attacker's knowledge: where "continue anyway" shows up once the card form is there (a first visit).
    const target = await withPage(b, async (page) => {
      await gotoLoose(page, url);
      for (let i = 0; i < 2; i++) {
        const p = await page.evaluate(() => window.__lurePoint());
        await page.mouse.click(p.x, p.y);
        await sleep(150);
      }
      const end = Date.now() + 10_000;
      while (Date.now() < end) {
        if (onWarning(page)) {
          await page.waitForSelector('[data-act="continue"]');
          const r = await page.locator('[data-act="continue"]').boundingBox();
          return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
        }
        const inPage = await continueInPage(page);
        if (inPage) return inPage;
        await sleep(100);
      }
      throw new Error('no warning on the first visit');
    });
    await resetLists(b);
    await withPage(b, async (page) => {
      const mark = server.requests.length;
      await gotoLoose(page, url);
      await page.evaluate((t) => { window.__gameTarget = t; }, target);
      // The person clicks as fast as the game asks where the target is, and goes on for a while once the warning
      // page is there (the clicks land on its "continue anyway").
      let at = await page.evaluate(() => window.__lurePoint());
      let onIt = 0; // clicks made while the warning page showed its buttons
      for (let i = 0; i < 60 && onIt < 12; i++) {
        if (!onWarning(page)) {
          if (onIt) break; // the warning page was left: something took the clicks as "continue anyway"
          at = (await page.evaluate(() => window.__lurePoint()).catch(() => null)) ?? at;
        } else if (await page.$('[data-act="continue"]').catch(() => null)) onIt++;
        await page.mouse.click(at.x, at.y).catch(() => {});
        await sleep(120);
      }
      await typeCard(page);
      await assertHeld(page, url, mark, 'click game');
    });
  });

  it('a page that fights the navigation away (beforeunload prompt, history entries, window.stop()): warning page', T, () => withPage(b, async (page) => {
    const dialogs = [];
    // A person who is asked "leave this site?" by the page answers "stay" (the page's wish).
    page.on('dialog', (d) => {
      dialogs.push(d.type());
      d.dismiss().catch(() => {});
    });
    const url = URLS.takeover('unload');
    const mark = server.requests.length;
    await gotoLoose(page, url);
    // (a real click on the page: it has had a user gesture, so its beforeunload prompt could show)
    await page.mouse.click(20, 300).catch(() => {});
    await typeCard(page);
    await assertHeld(page, url, mark, 'navigation fighter');
    assert.deepEqual(dialogs, [], 'no "leave this site?" prompt stood in the way');
  }));

  it('a caution page that pre-defines <omamori-guard>: the notice\'s element carries the level, its constructor gets no shadow root of ours', T, () => withPage(b, async (page) => {
    // The shop's checkout on shared hosting (caution), whose own script defines the element name before the content
    // script makes one, keeping ElementInternals: __roots() tells what internals.shadowRoot handed it.
    await page.addInitScript(() => {
      const taken = [];
      customElements.define('omamori-guard', class extends HTMLElement {
        constructor() {
          super();
          taken.push(this.attachInternals());
        }
      });
      window.__roots = () => taken.map((i) => (i.shadowRoot ? 'a shadow root' : null));
    });
    await page.goto(URLS.caution);
    assert.equal((await waitForVerdict(b, URLS.caution)).level, 'caution');
    await until(async () => (await guardOf(page))?.level === 'caution', { what: 'the caution element' });
    assert.ok((await page.evaluate(() => window.__roots())).length >= 1, 'the page\'s constructor made our element');
    await page.click('#cc-number');
    await sleep(300);
    assert.deepEqual((await page.evaluate(() => window.__roots())).filter(Boolean), [], 'ElementInternals handed the page no shadow root');
    await page.keyboard.type(CARD, { delay: 2 });
    assert.equal(await valueOf(page, '#cc-number'), CARD, 'caution never blocks typing');
  }));
});
