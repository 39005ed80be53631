// Tricks of real phishing kits (issue 16), on synthetic pages written here (tests/fixtures/kit-*.html) so that CI
// exercises them without the real-page corpus: a title spelled with Cyrillic letters, the brand only in a logo's
// file name, a 3-D Secure password page naming no issuer, a body a script builds after load, a lure with only a
// button, labels and the brand drawn by the style sheet (`::before` / `::after` content). Danger is observed as the DOM contract says (levelShown: the warning page or the in-page guard).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { URLS } from './lib/sites.mjs';
import { launchChromium, openBrowser, closeBrowser } from './lib/browsers.mjs';
import { withPage } from './lib/chromium.mjs';
import { levelShown, gotoLoose, sleep, focusField, valueOf } from './lib/guard.mjs';

const T = { timeout: 60_000 };

/** Loads url and polls what the page shows until it is `want` (or the time is up); returns the last seen. */
async function shownOn(page, url, want, timeout = 12_000) {
  await gotoLoose(page, url);
  const end = Date.now() + timeout;
  let last = { level: null };
  while (Date.now() < end) {
    last = await levelShown(page);
    if (last.level === want) return last;
    await sleep(150);
  }
  return last;
}

describe('Chromium: phishing-kit tricks', { timeout: 300_000 }, () => {
  let server;
  let b;
  before(async () => ({ server, b } = await openBrowser(launchChromium)));
  after(() => closeBrowser(b, server));

  it('a title spelled with Cyrillic а and о ("Amаzоn") over a login form: danger, Amazon', T, () => withPage(b, async (page) => {
    const s = await shownOn(page, URLS.kitCyrillic, 'danger');
    assert.equal(s.level, 'danger', JSON.stringify(s));
    assert.equal(s.brand, 'amazon');
  }));

  it('the brand only in a logo image file name and class: danger, Amazon', T, () => withPage(b, async (page) => {
    const s = await shownOn(page, URLS.kitLogoOnly, 'danger');
    assert.equal(s.level, 'danger', JSON.stringify(s));
    assert.equal(s.brand, 'amazon');
  }));

  it('a 3-D Secure password page naming no issuer: danger without a brand', T, () => withPage(b, async (page) => {
    const s = await shownOn(page, URLS.kit3dsNoIssuer, 'danger');
    assert.equal(s.level, 'danger', JSON.stringify(s));
    assert.equal(s.brand, null);
  }));

  it('a body a script builds after load: the verdict follows the DOM the person sees', T, () => withPage(b, async (page) => {
    const s = await shownOn(page, URLS.kitScriptBody, 'danger');
    assert.equal(s.level, 'danger', JSON.stringify(s));
    assert.equal(s.brand, 'micard');
  }));

  it('labels and the brand drawn only by CSS (::before / ::after content, attr()): danger, MI Card', T, () => withPage(b, async (page) => {
    const s = await shownOn(page, URLS.kitCssLabels, 'danger');
    assert.equal(s.level, 'danger', JSON.stringify(s));
    assert.equal(s.brand, 'micard');
  }));

  it('a lure with only a button: caution, and typing still reaches a field', T, () => withPage(b, async (page) => {
    const s = await shownOn(page, URLS.kitLure, 'caution');
    assert.equal(s.level, 'caution', JSON.stringify(s));
    await page.bringToFront();
    await focusField(page, '#free');
    await page.keyboard.type('abc', { delay: 20 });
    await sleep(150);
    assert.equal(await valueOf(page, '#free'), 'abc');
  }));
});
