// The input guard fails closed in Debian's Firefox ESR too (issue 15: the decoy and text-change classes), on the
// built dist/firefox (puppeteer-core, WebDriver BiDi; the fixture server's proxy as in firefox.test.mjs). The same
// attack pages and control twins as chromium-guard.test.mjs, with the keyboard; what got in is what the page's own
// script saw (assets/typed-log.js, sent to the fixture server), so it is seen even after the tab has left.
// Firefox gives automation no view of the background's verdicts: the tests wait for the checks with time margins.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { SITES } from './lib/sites.mjs';
import { withFirefoxPage } from './lib/firefox.mjs';
import { launchFirefox, openBrowser, closeBrowser } from './lib/browsers.mjs';
import { focusField, sleep, waitForDanger, levelShown } from './lib/guard.mjs';
import { typedSince, waitTyped } from './lib/typed.mjs';

const CARD = '4980123412341234';
const T = { timeout: 90_000 };
const DECOYS = 'account-check-desk.com';
const TEXT = 'news-letter-touroku.com';
const sites = {
  ...SITES,
  [DECOYS]: { '/decoys': 'guard-decoys.html', '/decoys-control': 'guard-decoys-control.html' },
  [TEXT]: { '/join': 'guard-text-change.html' },
};
// Time for a check to answer (the page check comes right after load at the latest 1.5 s after DOMContentLoaded;
// one a focused field asks for comes at once).
const SETTLE_MS = 2_000;

describe('Firefox ESR: the input guard fails closed (issue 15)', { timeout: 400_000 }, () => {
  let server;
  let b;
  before(async () => ({ server, b } = await openBrowser(launchFirefox, { sites, timeout: 90_000 })));
  after(() => closeBrowser(b, server));

  const withPage = (fn) => withFirefoxPage(b, fn);

  it('600 hidden decoy inputs before the real form: keys reach the control\'s field, never the real card field', T, async () => {
    let from = server.requests.length;
    await withPage(async (page) => {
      await page.goto(`https://${DECOYS}/decoys-control`);
      await sleep(SETTLE_MS);
      await focusField(page, '#f1');
      await sleep(SETTLE_MS);
      await page.keyboard.type('4980');
      await waitTyped(server, DECOYS, from, 'f1', '4980');
    });
    from = server.requests.length;
    await withPage(async (page) => {
      await page.goto(`https://${DECOYS}/decoys`);
      await sleep(SETTLE_MS);
      await focusField(page, '#f1');
      await page.keyboard.type('4');
      await sleep(SETTLE_MS);
      await focusField(page, '#f1').catch(() => {});
      await page.keyboard.type(CARD).catch(() => {});
      const shown = await waitForDanger(page, { timeout: 15_000 });
      assert.equal(shown.brand, 'micard');
      await sleep(300);
      assert.deepEqual(typedSince(server, DECOYS, from), [], 'nothing typed may reach the phishing page');
    });
  });

  for (const mode of ['text', 'css']) {
    it(`a page harmless at load that changes only its ${mode === 'text' ? 'text' : 'CSS'} into a card/PIN form: typed at once after the change, nothing gets in`, T, async () => {
      const url = `https://${TEXT}/join?mode=${mode}`;
      let from = server.requests.length;
      await withPage(async (page) => {
        await page.goto(url);
        await sleep(SETTLE_MS);
        await focusField(page, '#f1');
        await page.keyboard.type('hanako');
        await waitTyped(server, TEXT, from, 'f1', 'hanako');
        assert.equal((await levelShown(page)).level, null);
      });
      from = server.requests.length;
      await withPage(async (page) => {
        await page.goto(url);
        await sleep(SETTLE_MS);
        await focusField(page, '#f1');
        await page.evaluate(() => window.flip());
        await page.keyboard.type(CARD);
        await focusField(page, '#f2').catch(() => {});
        await page.keyboard.type('1234').catch(() => {});
        await waitForDanger(page, { timeout: 15_000 });
        await sleep(300);
        assert.deepEqual(typedSince(server, TEXT, from), [], 'nothing typed after the change may reach the page');
      });
    });
  }
});
