// How soon a page-level danger is in front of the person, in Chromium (prints figures; asserts nothing; not in CI).
//
//   node bench/warning-time.mjs [ROUNDS]        (needs ./build.sh and scripts/install-test-deps.sh)
//   OMAMORI_E2E_DIST=/other/dist node bench/warning-time.mjs   (another build, e.g. main's, for a before/after)
//
// Reuses the e2e harness (tests/e2e/lib). Each round loads each page-level danger fixture (the address alone is
// no danger: the page's content decides) in a fresh tab and polls, every 5 ms, until the danger is shown: the
// extension's warning page with its "leave" button (issue 15), or, on a build from before it, an in-page
// <omamori-guard data-level="danger">. Figures: from the start of the navigation, median and p95 over the rounds,
// of (1) the tab at the warning page's address, (2) the warning shown.
import { URLS } from '../tests/e2e/lib/sites.mjs';
import { launchChromium, openBrowser, closeBrowser, DIST } from '../tests/e2e/lib/browsers.mjs';
import { WARNING_PAGE_RE, sleep } from '../tests/e2e/lib/guard.mjs';

const ROUNDS = Number(process.argv[2] || 10);
const PAGES = { contentPhish: URLS.contentPhish, pinNoBrand: URLS.pinNoBrand, kitScriptBody: URLS.kitScriptBody, frameHost: URLS.frameHost };

const q = (xs, p) => {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(p * s.length))] : NaN;
};
const fmt = (x) => (Number.isFinite(x) ? `${x.toFixed(0)} ms` : '–');

const { server, b } = await openBrowser(launchChromium);
try {
  console.log(`build: ${DIST}; ${ROUNDS} rounds (one warm-up dropped)`);
  for (const [name, url] of Object.entries(PAGES)) {
    const atUrl = [];
    const shown = [];
    for (let r = 0; r <= ROUNDS; r++) {
      const page = await b.ctx.newPage();
      try {
        const t0 = performance.now();
        page.goto(url).catch(() => {});
        let tUrl = NaN;
        let tShown = NaN;
        while (performance.now() - t0 < 15_000) {
          const u = page.url();
          if (WARNING_PAGE_RE.test(u)) {
            if (!Number.isFinite(tUrl)) tUrl = performance.now() - t0;
            if (await page.$('[data-act="leave"]').catch(() => null)) {
              tShown = performance.now() - t0;
              break;
            }
          } else if (await page.$('omamori-guard[data-level="danger"]').catch(() => null)) {
            tShown = performance.now() - t0;
            break;
          }
          await sleep(5);
        }
        if (r > 0) {
          atUrl.push(tUrl);
          shown.push(tShown);
        }
      } finally {
        await page.close().catch(() => {});
      }
    }
    console.log(`${name.padEnd(14)} warning page's address: median ${fmt(q(atUrl, 0.5))}, p95 ${fmt(q(atUrl, 0.95))}; `
      + `warning shown: median ${fmt(q(shown, 0.5))}, p95 ${fmt(q(shown, 0.95))}`);
  }
} finally {
  await closeBrowser(b, server);
}
