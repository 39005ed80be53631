// Judge the tab (issue 15): how long a frame's page check waits for the claim of the pages it is in, in Chromium
// (prints figures; asserts nothing; not run in CI).
//
//   node bench/claim-wait.mjs [ROUNDS]        (needs ./build.sh and scripts/install-test-deps.sh)
//
// A frame's page check with fields is answered once its ancestors' first page checks have answered (the background
// asks them to check at once): the fields of the frame are held that long. Loads each page with a payment
// provider's card iframe ROUNDS times (default 10) — a shop's checkout, a phishing page claiming MI Card, the brand's
// own page — and prints, from the frame's record (cost.claim_wait_ms, as the service worker timed it), the median
// and the largest wait.
import { launchChromium, openBrowser, closeBrowser } from '../tests/e2e/lib/browsers.mjs';
import { URLS } from '../tests/e2e/lib/sites.mjs';
import { waitForVerdict } from '../tests/e2e/lib/chromium.mjs';

const ROUNDS = Math.max(1, Number(process.argv[2]) || 10);
const PAGES = { 'shop checkout': URLS.merchantPsp, 'phishing page claiming MI Card': URLS.frameClaim, 'the brand\'s own page': URLS.officialPsp };

const { server, b } = await openBrowser(launchChromium);
try {
  for (const [name, url] of Object.entries(PAGES)) {
    const waits = [];
    for (let i = 0; i < ROUNDS; i++) {
      const page = await b.ctx.newPage();
      try {
        await page.goto(url);
        await waitForVerdict(b, URLS.pspForm, { frame: 'any' });
        waits.push(await b.sw.evaluate(async (u) => {
          for (const t of await chrome.tabs.query({})) {
            const st = await globalThis.omamori.tabState(t.id);
            for (const f of Object.values(st.frames)) if (f.url === u && f.full) return f.cost.claim_wait_ms;
          }
          return NaN;
        }, URLS.pspForm));
      } finally {
        await page.close();
      }
    }
    waits.sort((x, y) => x - y);
    const ms = (x) => `${x.toFixed(1)} ms`;
    console.log(`${name.padEnd(32)} wait for the claim: median ${ms(waits[Math.floor(waits.length / 2)])}, max ${ms(waits[waits.length - 1])} (${ROUNDS} loads)`);
  }
} finally {
  await closeBrowser(b, server);
}
