// Issue 17, whose content is it, in Chromium (dist/chrome, Japanese UI): a form made by someone on a forms service
// and served from the platform's official host (docs.google.com/forms/…) that claims 三井住友カード and asks for
// card data is `danger` (seen through the one helper that accepts the warning page or the in-page guard), and the
// popup on it never says 公式サイト; Google's own page on an official host still does. On the code before issue 17
// the form was `safe` ("公式サイトです: Google"): no warning, and these tests fail.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { SITES } from './lib/sites.mjs';
import { launchChromium, openBrowser, closeBrowser } from './lib/browsers.mjs';
import { waitForDanger, gotoLoose } from './lib/guard.mjs';
import { shot, withPage, waitForVerdict, tabIdOf, openPopup } from './lib/chromium.mjs';

const T = { timeout: 60_000 };
const FORM = 'https://docs.google.com/forms/d/e/1FAIpQLSc-Omamori-Test-Form/viewform';
const GOOGLE_OWN = 'https://accounts.google.com/';

// the shared fixture hosts, plus the platform's hosts of this file
const sites = {
  ...SITES,
  'docs.google.com': { '*': 'platform-form-smbc.html' },
  'accounts.google.com': { '*': 'official-top.html' },
};

describe('Chromium: content made by someone on a platform\'s official host (issue 17)', { timeout: 200_000 }, () => {
  let server;
  let b;
  before(async () => ({ server, b } = await openBrowser(launchChromium, { lang: 'ja', sites })));
  after(() => closeBrowser(b, server));

  it('a Google Form that calls itself 三井住友カード and asks for card number and PIN is danger', T, async () => {
    await withPage(b, async (page) => {
      await gotoLoose(page, FORM);
      const seen = await waitForDanger(page, { timeout: 20_000 });
      assert.equal(seen.brand, 'smbc_card', `danger for the brand the form claims (${JSON.stringify(seen)})`);
      await shot(page, 'chromium-platform-form.png');
    });
  });

  it('the popup on that form never says 公式サイト, where on Google\'s own page it does', T, async () => {
    await withPage(b, async (page) => {
      // the control: the platform's own page on an official host is official, and the popup says so
      await page.goto(GOOGLE_OWN);
      const own = await waitForVerdict(b, GOOGLE_OWN);
      assert.equal(own.level, 'safe');
      const ownPopup = await openPopup(b, own.tabId);
      try {
        const title = await ownPopup.textContent('#st-title');
        assert.ok(title.startsWith('公式サイトです'), `Google's own page: ${title}`);
      } finally {
        await ownPopup.close();
      }
      // the form: whatever the tab shows now (the page with its guard, or the warning page), not official
      await gotoLoose(page, FORM);
      await waitForDanger(page, { timeout: 20_000 });
      const tabId = await tabIdOf(b, page.url().split('?')[0]);
      const popup = await openPopup(b, tabId);
      try {
        const title = await popup.textContent('#st-title');
        const all = await popup.textContent('#main');
        assert.ok(!all.includes('公式サイトです'), `the popup on the form: ${title}`);
        assert.notEqual(await popup.getAttribute('section.status', 'data-level'), 'safe');
        await shot(popup, 'chromium-platform-form-popup.png');
      } finally {
        await popup.close();
      }
    });
  });
});
