// What the extension costs a person in Chromium (prints figures; asserts nothing; not run in CI).
//
//   node bench/extension-cost.mjs [ROUNDS]        (needs ./build.sh and scripts/install-test-deps.sh)
//
// Reuses the e2e harness (tests/e2e/lib): the loopback HTTPS fixture server and the fixtures of tests/fixtures,
// Debian's Chromium driven by playwright-core with the BUILT extension (dist/chrome).
//
// 1. Page load with and without the extension: the same Chromium flags, once with dist/chrome and once with an
//    empty extension (a manifest and an empty service worker, so both runs have an extension process). For each
//    fixture page, ROUNDS loads in each browser (alternating pages, a warm-up round dropped); figure: the
//    median of the per-page differences of the median loadEventEnd (Navigation Timing). Pages the extension
//    sends to its warning page before they load (URL-level block) are left out of that comparison.
// 2. Page check in the browser, facts extraction included: from the page's DOMContentLoaded to the verdict
//    recorded by the service worker (content script extraction + message + wasm checkPage + bookkeeping), for
//    the typical fixtures and for a generated huge page (5,000 inputs, 1 MB of text).
// 3. Service worker waking to its first verdict: the worker is stopped (DevTools ServiceWorker.stopAllWorkers),
//    a page is opened, the content script's check wakes it; figure: verdict recorded − worker's timeOrigin
//    (module load, wasm instantiate, new Engine(), the check). Also the cold start of the very first worker.
// 4. The size of dist/omamori-chrome.zip (and its largest files).
//
// Goals (issue 7): ≤ 5 ms median added page load; check_page p95 ≤ 1 ms typical / ≤ 20 ms huge (engine) —
// here with extraction; ≤ 30 ms worker wake to first verdict; zip ≤ 600 KB.
import { mkdtempSync, writeFileSync, rmSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { startFixtureServer, FIXTURES_DIR } from '../tests/e2e/lib/server.mjs';
import { SITES, URLS } from '../tests/e2e/lib/sites.mjs';
import { launchChromium, DIST, DIST_CHROME, withTimeout } from '../tests/e2e/lib/browsers.mjs';
import { sleep } from '../tests/e2e/lib/guard.mjs';

const ROUNDS = Number(process.argv[2] ?? 15);
// OMAMORI_BENCH_EXT=DIR: measure another unpacked build (e.g. one without content scripts, to see what they cost)
const EXT_DIR = path.resolve(process.env.OMAMORI_BENCH_EXT ?? DIST_CHROME);
// OMAMORI_BENCH_ONLY=load: only the page-load comparison
const ONLY_LOAD = process.env.OMAMORI_BENCH_ONLY === 'load';
const ZIP = path.join(DIST, 'omamori-chrome.zip');
if (!existsSync(path.join(DIST_CHROME, 'manifest.json'))) {
  console.error('dist/chrome is missing: run ./build.sh first');
  process.exit(1);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN;
};
const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(p * s.length))] : NaN;
};
const f1 = (x) => (Number.isFinite(x) ? x.toFixed(1) : '-');

// ---------------------------------------------------------------- a huge page and an empty extension
const tmp = mkdtempSync(path.join(tmpdir(), 'omamori-bench-'));
const hugeFile = path.join(tmp, 'huge.html');
{
  const rows = [];
  for (let i = 0; i < 5000; i++) rows.push(`<p><label for="f${i}">項目${i}</label><input id="f${i}" name="f${i}" type="text"></p>`);
  const text = `<div>${'あ'.repeat(1_000_000)}</div>`;
  writeFileSync(hugeFile, `<!DOCTYPE html><html lang="ja"><meta charset="utf-8"><title>エムアイカード | ご利用確認</title>
<h1>ご利用確認のお願い</h1><img alt="MI CARD" src="/assets/none.png">${text}<form action="/post" method="post">
<p><label>カード番号 <input name="cn" type="tel"></label></p>${rows.join('\n')}</form><footer>© MI Card Co., Ltd.</footer></html>`);
}
const emptyExt = path.join(tmp, 'empty-ext');
{
  const { mkdirSync } = await import('node:fs');
  mkdirSync(emptyExt);
  writeFileSync(path.join(emptyExt, 'manifest.json'), JSON.stringify({
    manifest_version: 3, name: 'empty', version: '1.0', background: { service_worker: 'sw.js' },
  }));
  writeFileSync(path.join(emptyExt, 'sw.js'), '// nothing\n');
}
const HUGE_HOST = 'huge-page-bench.example';
const sites = { ...SITES, [HUGE_HOST]: { '*': path.relative(FIXTURES_DIR, hugeFile) } };
const HUGE_URL = `https://${HUGE_HOST}/card`;

// pages whose load is compared (static URLs of the e2e table, the hostile-page family left out)
const PAGES = Object.entries(URLS)
  .filter(([, u]) => typeof u === 'string')
  .map(([name, url]) => ({ name, url }));

const server = await startFixtureServer({ sites });

async function navTiming(page) {
  return page.evaluate(() => {
    const n = performance.getEntriesByType('navigation')[0];
    return n ? {
      load: n.loadEventEnd, dcl: n.domContentLoadedEventStart,
      dclAbs: performance.timeOrigin + n.domContentLoadedEventStart, href: location.href,
    } : null;
  });
}

/** Loads every page ROUNDS times (+1 warm-up) in one browser; returns {name: [loadEventEnd ms]}. */
async function loadTimes(b, label) {
  const out = {};
  const page = await b.ctx.newPage();
  page.setDefaultTimeout(20_000);
  for (let r = 0; r <= ROUNDS; r++) {
    for (const { name, url } of PAGES) {
      try {
        await withTimeout(page.goto(url, { waitUntil: 'load' }), 20_000, `${label} ${url}`);
      } catch {
        continue; // a navigation the extension replaced (URL-level block)
      }
      const t = await navTiming(page).catch(() => null);
      if (!t || !t.href.startsWith(url.split('#')[0]) || !(t.load > 0)) continue;
      if (r > 0) (out[name] ??= []).push(t.load);
    }
  }
  await page.close();
  return out;
}

/** The verdict the background recorded for the top frame of the tab showing url (test hook), or null. */
async function verdictAt(b, url, since) {
  return b.sw.evaluate(async ({ url, since }) => {
    for (const t of await chrome.tabs.query({})) {
      const st = await globalThis.omamori.tabState(t.id);
      const f = st?.frames?.['0'];
      if (f && f.url === url && f.verdict && f.at >= since) return { at: f.at, level: f.verdict.level };
    }
    return null;
  }, { url, since }).catch(() => null);
}

/** DOMContentLoaded → verdict recorded, over n loads of url. */
async function checkTimes(b, url, n) {
  const times = [];
  const page = await b.ctx.newPage();
  for (let i = 0; i <= n; i++) {
    const since = Date.now();
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 30_000 }).catch(() => {});
    const t = await navTiming(page).catch(() => null);
    let v = null;
    for (let k = 0; k < 200 && !v; k++) {
      v = await verdictAt(b, url, since);
      if (!v) await sleep(20);
    }
    if (t && v && i > 0) times.push(v.at - t.dclAbs);
  }
  await page.close();
  return times;
}

/** Stops every service worker, opens url, and measures the new worker's start → first verdict. */
async function wakeToVerdict(b, url) {
  const page = await b.ctx.newPage();
  await page.goto('about:blank');
  const cdp = await b.ctx.newCDPSession(page);
  await cdp.send('ServiceWorker.enable').catch(() => {});
  await cdp.send('ServiceWorker.stopAllWorkers');
  await sleep(300);
  const swPromise = b.ctx.waitForEvent('serviceworker', { timeout: 15_000 }).catch(() => null);
  const since = Date.now();
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 30_000 }).catch(() => {});
  const sw = (await swPromise) ?? b.ctx.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://'));
  await cdp.detach().catch(() => {});
  if (!sw) {
    await page.close();
    return null;
  }
  b.sw = sw;
  let res = null;
  for (let k = 0; k < 300 && !res; k++) {
    res = await sw.evaluate(async ({ url, since }) => {
      for (const t of await chrome.tabs.query({})) {
        const st = await globalThis.omamori.tabState(t.id);
        const f = st?.frames?.['0'];
        if (f && f.url === url && f.verdict && f.at >= since) {
          await globalThis.omamori.engineReady;
          return { wake: f.at - performance.timeOrigin, fromNav: f.at - since };
        }
      }
      return null;
    }, { url, since }).catch(() => null);
    if (!res) await sleep(20);
  }
  await page.close();
  return res;
}

const results = {};
try {
  // ------------------------------------------------------------ 1. page load, with and without
  const base = await launchChromium(server, { extDir: emptyExt });
  let without;
  try {
    without = await loadTimes(base, 'without');
  } finally {
    await base.close();
  }
  const t0 = Date.now();
  const ext = await launchChromium(server, { extDir: EXT_DIR });
  try {
    // the very first worker: launched with the browser
    let first = null;
    for (let k = 0; k < 300 && !first; k++) {
      first = await ext.sw.evaluate(async () => {
        const t = performance.now();
        await globalThis.omamori.engineReady;
        return { ready: performance.now(), waited: performance.now() - t };
      }).catch(() => null);
      if (!first) await sleep(20);
    }
    results.firstWorker = first;
    const withExt = await loadTimes(ext, 'with');
    const rows = [];
    for (const { name, url } of PAGES) {
      const a = without[name] ?? [];
      const w = withExt[name] ?? [];
      if (a.length < 3 || w.length < 3) {
        rows.push({ name, url, skipped: true });
        continue;
      }
      rows.push({ name, url, without: median(a), with: median(w), added: median(w) - median(a) });
    }
    results.load = rows;
    if (ONLY_LOAD) throw Object.assign(new Error('only load'), { onlyLoad: true });

    // ------------------------------------------------------------ 2. page check, extraction included
    results.check = {};
    for (const name of ['contentPhish', 'officialLogin', 'merchant', 'noFields', 'pinNoBrand']) {
      results.check[name] = await checkTimes(ext, URLS[name], Math.max(5, ROUNDS));
    }
    results.check.huge = await checkTimes(ext, HUGE_URL, Math.max(3, Math.floor(ROUNDS / 2)));

    // ------------------------------------------------------------ 3. worker wake to first verdict
    results.wake = [];
    for (let i = 0; i < Math.max(3, Math.floor(ROUNDS / 2)); i++) {
      const r = await wakeToVerdict(ext, i % 2 ? URLS.noFields : URLS.contentPhish);
      if (r) results.wake.push(r);
    }
  } finally {
    await ext.close();
  }
  results.elapsed = (Date.now() - t0) / 1000;
} catch (e) {
  if (!e.onlyLoad) throw e;
} finally {
  await server.close();
  rmSync(tmp, { recursive: true, force: true });
}

// ---------------------------------------------------------------- 4. zip size
let zipLine = 'dist/omamori-chrome.zip: missing';
if (existsSync(ZIP)) {
  const size = statSync(ZIP).size;
  zipLine = `dist/omamori-chrome.zip: ${(size / 1024).toFixed(1)} KiB (${size} bytes) — goal ≤ 600 KB`;
  try {
    const list = execFileSync('unzip', ['-lv', ZIP], { encoding: 'utf8' }).split('\n')
      .map((l) => l.trim().split(/\s+/))
      .filter((c) => c.length >= 8 && /^\d+$/.test(c[0]) && /^\d+$/.test(c[2]))
      .map((c) => ({ file: c[c.length - 1], compressed: Number(c[2]) }))
      .sort((a, b) => b.compressed - a.compressed)
      .slice(0, 4);
    zipLine += `\n  largest (compressed): ${list.map((x) => `${x.file} ${(x.compressed / 1024).toFixed(0)} KiB`).join(', ')}`;
  } catch { /* unzip missing */ }
}

// ---------------------------------------------------------------- report
console.log(`# Extension cost in Chromium (${ROUNDS} rounds)\n`);
console.log('## Page load (loadEventEnd, median per page)\n');
console.log('| page | without | with | added |');
console.log('|---|---:|---:|---:|');
const added = [];
for (const r of results.load) {
  if (r.skipped) {
    console.log(`| ${r.name} | - | - | (left out: blocked at URL level or not loaded) |`);
    continue;
  }
  added.push(r.added);
  console.log(`| ${r.name} | ${f1(r.without)} ms | ${f1(r.with)} ms | ${f1(r.added)} ms |`);
}
console.log(`\nmedian added page load: ${f1(median(added))} ms over ${added.length} pages — goal ≤ 5 ms`);
if (ONLY_LOAD) process.exit(0);
console.log('\n## Page check in the browser: DOMContentLoaded → verdict recorded (extraction + message + engine)\n');
for (const [name, t] of Object.entries(results.check)) {
  console.log(`${name}: median ${f1(median(t))} ms, p95 ${f1(pct(t, 0.95))} ms (${t.length} loads)`);
}
console.log('\n## Service worker wake → first verdict\n');
if (results.firstWorker) {
  console.log(`first worker (browser start): engine ready ${f1(results.firstWorker.ready)} ms after the worker started`);
}
const wake = results.wake.map((w) => w.wake);
console.log(`woken worker: median ${f1(median(wake))} ms, max ${f1(Math.max(...wake))} ms from worker start to first verdict (${wake.length} wakes; navigation start → verdict median ${f1(median(results.wake.map((w) => w.fromNav)))} ms) — goal ≤ 30 ms`);
console.log(`\n${zipLine}`);
