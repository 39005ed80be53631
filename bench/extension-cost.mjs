// What the extension costs a person in Chromium (prints figures; asserts nothing; not run in CI).
//
//   node bench/extension-cost.mjs [ROUNDS]        (needs ./build.sh and scripts/install-test-deps.sh)
//
// Reuses the e2e harness (tests/e2e/lib): the loopback HTTPS fixture server and the fixtures of tests/fixtures,
// Debian's Chromium driven by playwright-core with the BUILT extension (dist/chrome).
//
// 1. Page load with and without the extension: the same Chromium flags, one browser with dist/chrome and one
//    with an empty extension (a manifest and an empty service worker, so both have an extension process), run
//    side by side: each page is loaded in one, then in the other (the order swapped every round), so that both
//    see the same load of the (shared) machine. ROUNDS loads per page in each (a warm-up round dropped); figure:
//    the median of the per-page differences of the median loadEventEnd (Navigation Timing). Pages the extension
//    sends to its warning page before they load (URL-level block) are left out of that comparison.
//    OMAMORI_BENCH_BASE=DIR compares with another build instead of the empty extension;
//    OMAMORI_BENCH_PAGES=a,b only those pages (names of tests/e2e/lib/sites.mjs URLS).
// 2. Page check in the browser, facts extraction included: the verdict of the page check (page facts and the
//    visible-text sample; the content script makes it after `load`, at an idle moment), as recorded by the
//    service worker: from DOMContentLoaded (waiting for load included) and from loadEventEnd (content script
//    extraction + message + wasm checkPage + bookkeeping), for the typical fixtures and for a generated huge
//    page (5,000 inputs, 1 MB of text). The URL-only check the content script sends at document_start is not
//    counted. The work (extraction as the content script reports it, the engine as the worker times it) three
//    ways: the same page loaded again and again (a warm renderer); each load another site's page, the first check
//    of each (V8 compiles the content script in every new renderer); and that page checked again after a
//    paragraph is added (same document). Also what the content script takes at document_start (shared/ui.js's
//    first line to the end of content.js, compile included), as it reports it. And the floor of the first
//    checks: the same first visits in a browser whose extension's content script only reads the plainest facts.
// 3. Service worker waking to its first verdict: the worker is stopped (DevTools ServiceWorker.stopAllWorkers),
//    a page is opened, its navigation wakes the worker; figures on the worker's timeline (performance marks in
//    background/engine.js): engine ready and first verdict (module load, wasm instantiate, new Engine(), the check),
//    when the waking event reached our listener, and when the page's own check was recorded. Also the cold start
//    of the very first worker, and the floor: the worker of an extension with one webNavigation listener and no
//    engine, woken in turn by the same navigations, marks when the event reaches it.
// 4. The size of dist/omamori-chrome.zip (and its largest files).
// 5. The input guard's cost per keystroke (stage `key`): a covered card field of the shop checkout typed into, the
//    time between a window capture listener the page registers at document_start and one it registers after load
//    (the content script's guard listeners run between the two), summed over a keystroke's events (keydown,
//    keypress, beforeinput, input), with the extension and with the empty one; on the page as it is, and on the
//    same page showing a character count that changes at every key (the guard then reads the page again at each
//    keystroke: a sensitive field's page must still read as its answer saw it).
//
// Goals (issue 7): ≤ 5 ms median added page load; check_page p95 ≤ 1 ms typical / ≤ 20 ms huge (engine) —
// here with extraction; ≤ 30 ms worker wake to first verdict; zip ≤ 600 KB.
import { mkdtempSync, mkdirSync, writeFileSync, rmSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { startFixtureServer, FIXTURES_DIR } from '../tests/e2e/lib/server.mjs';
import { SITES, URLS } from '../tests/e2e/lib/sites.mjs';
import { launchChromium, DIST, DIST_CHROME, withTimeout } from '../tests/e2e/lib/browsers.mjs';
import { sleep } from '../tests/e2e/lib/guard.mjs';
import { until } from '../tests/e2e/lib/chromium.mjs';

const ROUNDS = Number(process.argv[2] ?? 15);
// OMAMORI_BENCH_EXT=DIR: measure another unpacked build (e.g. one without content scripts, to see what they cost)
const EXT_DIR = path.resolve(process.env.OMAMORI_BENCH_EXT ?? DIST_CHROME);
// OMAMORI_BENCH_ONLY=load,check,wake: only those stages (default: all three)
const STAGES = new Set((process.env.OMAMORI_BENCH_ONLY || 'load,check,wake,key').split(',').map((x) => x.trim()));
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
/** fn() every 20 ms until it gives something truthy (returned), or null after timeout ms. */
const poll = (fn, timeout) => until(fn, { timeout, every: 20 }).catch(() => null);

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
/** An unpacked extension in tmp/name whose service worker is sw (its source), with these permissions, and a
 * content script (its source) in every frame of every page from document_start when one is given. */
function tinyExtension(name, sw, permissions = [], content = null) {
  const dir = path.join(tmp, name);
  mkdirSync(dir);
  writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({
    manifest_version: 3, name, version: '1.0', background: { service_worker: 'sw.js' }, permissions,
    ...(content ? {
      host_permissions: ['<all_urls>'],
      content_scripts: [{ matches: ['<all_urls>'], js: ['content.js'], run_at: 'document_start', all_frames: true }],
    } : {}),
  }));
  writeFileSync(path.join(dir, 'sw.js'), sw);
  if (content) writeFileSync(path.join(dir, 'content.js'), content);
  return dir;
}
const emptyExt = tinyExtension('empty', '// nothing\n');
// The floor of stage 3: a worker with no engine, woken by the same navigations, marks when the event reaches it.
const floorExt = tinyExtension('floor', `chrome.webNavigation.onBeforeNavigate.addListener(() => {
  if (!performance.getEntriesByName('omamori:first-event').length) performance.mark('omamori:first-event');
});
`, ['webNavigation']);
// The floor of stage 2's first checks: the least a page check must read, in the plainest code, run as ours runs
// (after load, at an idle moment). Its worker keeps what each read took (performance.now() around it), by URL.
const checkFloorExt = tinyExtension('check-floor', `globalThis.took = {};
chrome.runtime.onMessage.addListener((m) => { took[m.url] = { ms: m.ms, at: Date.now() }; });
`, [], `(() => {
  const text = (el, n) => (el.textContent || '').replace(/\\s+/g, ' ').trim().slice(0, n);
  function read() {
    const t0 = performance.now();
    const meta = document.querySelector('meta[property="og:site_name"]');
    const facts = {
      url: location.href, title: document.title, site_name: meta ? meta.content : '',
      headings: [...document.querySelectorAll('h1, h2, h3')].slice(0, 20).map((h) => text(h, 200)),
      image_alts: [...document.querySelectorAll('img[alt]')].slice(0, 30).map((i) => i.alt),
      form_actions: [...document.forms].slice(0, 20).map((f) => f.action),
      inputs: [...document.querySelectorAll('input, select, textarea')].slice(0, 500).map((el) => ({
        tag: el.localName, type: el.type || '', name: el.name || '', id: el.id, autocomplete: el.autocomplete || '',
        placeholder: el.placeholder || '', label: el.labels && el.labels[0] ? text(el.labels[0], 200) : '',
      })),
      links: [...document.querySelectorAll('a[href]')].slice(0, 500).map((a) => a.href),
      text: document.body ? document.body.innerText.slice(0, 4000) : '',
    };
    const ms = performance.now() - t0;
    // (only the time is sent: what the facts cost to send and check is not the read's)
    chrome.runtime.sendMessage({ url: facts.url, ms });
  }
  addEventListener('load', () => requestIdleCallback(read, { timeout: 150 }), { once: true });
})();
`);
const HUGE_HOST = 'huge-page-bench.example';
const sites = { ...SITES, [HUGE_HOST]: { '*': path.relative(FIXTURES_DIR, hugeFile) } };
const HUGE_URL = `https://${HUGE_HOST}/card`;

// the typical fixtures of the page-check figures (stage 2)
const TYPICAL = ['contentPhish', 'officialLogin', 'merchant', 'noFields', 'pinNoBrand'];
// pages whose load is compared (static URLs of the e2e table, the hostile-page family left out)
// OMAMORI_BENCH_PAGES=contentPhish,merchant: only these pages (names of tests/e2e/lib/sites.mjs URLS)
const ONLY_PAGES = (process.env.OMAMORI_BENCH_PAGES ?? '').split(',').filter(Boolean);
// (left out: hostileCaution fights the extension; oddFrames adds and removes 40 frames, a stress page for tests;
// factsShapes, a test page of the facts extraction, so that the set stays the 12 pages of the earlier figures)
const NOT_COMPARED = new Set(['hostileCaution', 'oddFrames', 'factsShapes']);
const PAGES = Object.entries(URLS)
  .filter(([name, u]) => typeof u === 'string' && !NOT_COMPARED.has(name) && (!ONLY_PAGES.length || ONLY_PAGES.includes(name)))
  .map(([name, url]) => ({ name, url }));

const server = await startFixtureServer({ sites });

async function navTiming(page) {
  return page.evaluate(() => {
    const n = performance.getEntriesByType('navigation')[0];
    return n ? {
      load: n.loadEventEnd, dcl: n.domContentLoadedEventStart,
      dclAbs: performance.timeOrigin + n.domContentLoadedEventStart,
      loadAbs: n.loadEventEnd > 0 ? performance.timeOrigin + n.loadEventEnd : 0, href: location.href,
    } : null;
  });
}

/** loadEventEnd of one load of url in page, or null (a navigation the extension replaced, or a failure). */
async function loadOnce(page, url, label) {
  try {
    await withTimeout(page.goto(url, { waitUntil: 'load' }), 20_000, `${label} ${url}`);
  } catch {
    return null; // a navigation the extension replaced (URL-level block)
  }
  const t = await navTiming(page).catch(() => null);
  if (!t || !t.href.startsWith(url.split('#')[0]) || !(t.load > 0)) return null;
  return t.load;
}

/**
 * Loads every page ROUNDS times (+1 warm-up round) in both browsers, interleaved (page in one browser, then in
 * the other, the order swapped every round), so that both see the same machine load (the machine is shared:
 * a load that drifts during a run would otherwise bias one side). Returns [{name: [ms]}, {name: [ms]}].
 */
async function loadTimesBoth(a, b) {
  const outs = [{}, {}, {}]; // without, with, paired differences (with − without, same round)
  const pages = [await a.ctx.newPage(), await b.ctx.newPage()];
  for (const p of pages) p.setDefaultTimeout(20_000);
  for (let r = 0; r <= ROUNDS; r++) {
    for (const { name, url } of PAGES) {
      const pair = [];
      for (const i of r % 2 ? [1, 0] : [0, 1]) {
        const t = await loadOnce(pages[i], url, i ? 'with' : 'without');
        pair[i] = t;
        if (t != null && r > 0) (outs[i][name] ??= []).push(t);
      }
      if (r > 0 && pair[0] != null && pair[1] != null) (outs[2][name] ??= []).push(pair[1] - pair[0]);
    }
  }
  for (const p of pages) await p.close();
  return outs;
}

/** The verdict of the page check (not the URL-only first check, seq 1) the background recorded for the top
 * frame of the tab showing url (test hook), or null. */
async function verdictAt(b, url, since, after = 0) {
  return b.sw.evaluate(async ({ url, since, after }) => {
    for (const t of await chrome.tabs.query({})) {
      const st = await globalThis.omamori.tabState(t.id);
      const f = st?.frames?.['0'];
      if (f && f.url === url && f.verdict && f.at >= since && f.seq !== 1 && f.seq > after) return { at: f.at, level: f.verdict.level, cost: f.cost, seq: f.seq };
    }
    return null;
  }, { url, since, after }).catch(() => null);
}

/** Polls verdictAt for up to 4 s. */
const waitVerdict = (b, url, since, after = 0) => poll(() => verdictAt(b, url, since, after), 4_000);

const workOf = (v) => (v && v.cost && Number.isFinite(v.cost.extract_ms)
  ? { extract: v.cost.extract_ms, engine: v.cost.engine_ms, start: v.cost.start_ms ?? NaN } : null);

/**
 * The page check as a person meets it: every round opens each of the pages in turn in one tab, so each load is
 * another site's page than the last (a new renderer, where V8 compiles the content script again), and records
 * the work of its first page check; then adds a paragraph at the top of the page, which the content script
 * checks again (same document: its code compiled and warmed up), and records that work too.
 */
async function visitTimes(b, urls, n) {
  const out = Object.fromEntries(Object.keys(urls).map((name) => [name, { first: [], again: [] }]));
  const page = await b.ctx.newPage();
  for (let i = 0; i <= n; i++) {
    for (const [name, url] of Object.entries(urls)) {
      const since = Date.now();
      await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 30_000 }).catch(() => {});
      const v = await waitVerdict(b, url, since);
      if (!v) continue;
      await page.evaluate((i) => {
        const p = document.createElement('p');
        p.textContent = `Omamori benchmark ${i}: a paragraph added after load`;
        document.body.prepend(p);
      }, i).catch(() => {});
      const again = await waitVerdict(b, url, since, v.seq);
      if (i === 0) continue; // the first round warms the browser up
      if (workOf(v)) out[name].first.push(workOf(v));
      if (workOf(again)) out[name].again.push(workOf(again));
    }
  }
  await page.close();
  return out;
}

/** visitTimes for the check floor's extension: what its plain read took on each first visit, ms. */
async function floorVisitTimes(b, urls, n) {
  const out = [];
  const page = await b.ctx.newPage();
  for (let i = 0; i <= n; i++) {
    for (const url of urls) {
      const since = Date.now();
      await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 30_000 }).catch(() => {});
      const r = await poll(() => b.sw.evaluate(({ url, since }) => {
        const t = globalThis.took[url];
        return t && t.at >= since ? t : null;
      }, { url, since }).catch(() => null), 4_000);
      if (r && i > 0) out.push(r.ms);
    }
  }
  await page.close();
  return out;
}

/** DOMContentLoaded → page verdict recorded and loadEventEnd → page verdict recorded, over n loads of url. */
async function checkTimes(b, url, n) {
  const times = [];
  const fromLoad = [];
  const work = [];
  const page = await b.ctx.newPage();
  for (let i = 0; i <= n; i++) {
    const since = Date.now();
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 30_000 }).catch(() => {});
    const t = await navTiming(page).catch(() => null);
    const v = await waitVerdict(b, url, since);
    const t2 = v ? await navTiming(page).catch(() => null) : null;
    if (t && v && i > 0) times.push(v.at - t.dclAbs);
    if (t2 && t2.loadAbs && v && i > 0) fromLoad.push(v.at - t2.loadAbs);
    if (workOf(v) && i > 0) work.push(workOf(v));
  }
  await page.close();
  return { times, fromLoad, work };
}

/** The extension's service worker once it runs again (Playwright reports a restarted worker late, or never). */
const runningWorker = (b) => poll(() => b.ctx.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')), 15_000);

/**
 * The guard's time per keystroke in field `sel` of url (stage 5): n keys typed into the field once its check has
 * answered; per keystroke, the time from the page's first window capture listener (registered before any other
 * script, at document_start) to its last (registered after load) over the keystroke's four events. counting: the
 * page writes a character count at every key.
 */
async function keyCosts(b, url, sel, n, { counting = false } = {}) {
  const page = await b.ctx.newPage();
  const EVENTS = ['keydown', 'keypress', 'beforeinput', 'input'];
  await page.addInitScript((evs) => {
    const firstAt = new WeakMap();
    window.__keyFirst = firstAt;
    for (const t of evs) addEventListener(t, (e) => { firstAt.set(e, performance.now()); }, true);
  }, EVENTS);
  await page.goto(url);
  await page.waitForLoadState('load');
  await page.evaluate(({ evs, sel, counting }) => {
    window.__keyCost = [];
    for (const t of evs) {
      addEventListener(t, (e) => {
        const t0 = window.__keyFirst.get(e);
        if (t0 !== undefined) window.__keyCost.push([t, performance.now() - t0]);
      }, true);
    }
    if (counting) {
      const out = document.body.appendChild(document.createElement('p'));
      out.textContent = '0文字';
      document.querySelector(sel).addEventListener('input', (e) => { out.firstChild.data = `${e.target.value.length}文字`; });
    }
  }, { evs: EVENTS, sel, counting });
  await page.focus(sel);
  await sleep(800); // the check the focus may ask for
  let typed = 0;
  for (let done = 0; done < n; done += 16) {
    await page.evaluate((s) => { document.querySelector(s).value = ''; }, sel); // (the field takes 19 characters)
    await page.keyboard.type('4'.repeat(Math.min(16, n - done)), { delay: 15 });
    typed += await page.evaluate((s) => document.querySelector(s).value.length, sel);
  }
  const per = await page.evaluate(() => window.__keyCost);
  await page.close();
  // one keystroke = keydown, keypress, beforeinput, input, in that order
  const keys = [];
  let cur = 0;
  for (const [t, ms] of per) {
    cur += ms;
    if (t === 'input') {
      keys.push(cur);
      cur = 0;
    }
  }
  return { keys, typed };
}

/**
 * Stops every service worker, opens url, and measures the new worker's start → first verdict.
 * floor: the engine-less extension, whose worker only marks when the navigation's event reaches it.
 */
async function wakeToVerdict(b, url, { floor = false } = {}) {
  const page = await b.ctx.newPage();
  await page.goto('about:blank');
  const cdp = await b.ctx.newCDPSession(page);
  await cdp.send('ServiceWorker.enable').catch(() => {});
  await cdp.send('ServiceWorker.stopAllWorkers');
  await sleep(300);
  const since = Date.now();
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 30_000 }).catch(() => {});
  const sw = await runningWorker(b);
  await cdp.detach().catch(() => {});
  if (!sw) {
    await page.close();
    return null;
  }
  b.sw = sw;
  // the floor's worker marks when the event reached it; ours, once the page's verdict is recorded, all its milestones
  const floorMark = () => sw.evaluate(() => {
    const at = performance.getEntriesByName('omamori:first-event')[0]?.startTime;
    return Number.isFinite(at) ? { marks: { 'first-event': at } } : null;
  }).catch(() => null);
  const ourMarks = () => sw.evaluate(async ({ url, since }) => {
    for (const t of await chrome.tabs.query({})) {
      const st = await globalThis.omamori.tabState(t.id);
      const f = st?.frames?.['0'];
      if (f && f.url === url && f.verdict && f.at >= since) {
        await globalThis.omamori.engineReady;
        // the worker's own milestones (background/engine.js performance marks), on its timeline
        const marks = {};
        for (const m of performance.getEntriesByType('mark')) if (m.name.startsWith('omamori:')) marks[m.name.slice(8)] = m.startTime;
        return {
          wake: f.at - performance.timeOrigin, fromNav: f.at - since,
          engine: marks['engine-ready'], first: marks['first-verdict'], marks,
        };
      }
    }
    return null;
  }, { url, since }).catch(() => null);
  const res = await poll(floor ? floorMark : ourMarks, 6_000);
  await page.close();
  return res;
}

const results = {};
try {
  // ------------------------------------------------------------ 1. page load, with and without
  // OMAMORI_BENCH_BASE=DIR: compare with another unpacked build instead of the empty extension
  const base = STAGES.has('load') ? await launchChromium(server, { extDir: path.resolve(process.env.OMAMORI_BENCH_BASE ?? emptyExt) }) : null;
  const t0 = Date.now();
  const ext = await launchChromium(server, { extDir: EXT_DIR });
  try {
    // the very first worker: launched with the browser
    results.firstWorker = await poll(() => ext.sw.evaluate(async () => {
      const t = performance.now();
      await globalThis.omamori.engineReady;
      return { ready: performance.now(), waited: performance.now() - t };
    }).catch(() => null), 6_000);
    if (base) {
      let without;
      let withExt;
      let paired;
      try {
        [without, withExt, paired] = await loadTimesBoth(base, ext);
      } finally {
        await base.close();
      }
      const rows = [];
      for (const { name, url } of PAGES) {
        const a = without[name] ?? [];
        const w = withExt[name] ?? [];
        if (a.length < 3 || w.length < 3) {
          rows.push({ name, url, skipped: true });
          continue;
        }
        rows.push({ name, url, without: median(a), with: median(w), added: median(w) - median(a), paired: median(paired[name] ?? []) });
      }
      results.load = rows;
    }

    // ------------------------------------------------------------ 2. page check, extraction included
    if (STAGES.has('check')) {
      results.check = {};
      results.visits = await visitTimes(ext, Object.fromEntries(TYPICAL.map((n) => [n, URLS[n]])), Math.max(5, ROUNDS));
      for (const name of TYPICAL) {
        results.check[name] = await checkTimes(ext, URLS[name], Math.max(5, ROUNDS));
      }
      results.check.huge = await checkTimes(ext, HUGE_URL, Math.max(5, ROUNDS));
      const floorC = await launchChromium(server, { extDir: checkFloorExt });
      try {
        results.checkFloor = await floorVisitTimes(floorC, TYPICAL.map((n) => URLS[n]), Math.max(5, ROUNDS));
      } finally {
        await floorC.close();
      }
    }

    // ------------------------------------------------------------ 5. the guard per keystroke
    if (STAGES.has('key')) {
      const empty = await launchChromium(server, { extDir: emptyExt });
      try {
        results.keys = {};
        for (const counting of [false, true]) {
          const n = Math.max(40, ROUNDS * 4);
          results.keys[counting ? 'counting' : 'static'] = {
            with: await keyCosts(ext, URLS.merchant, '#cc-number', n, { counting }),
            without: await keyCosts(empty, URLS.merchant, '#cc-number', n, { counting }),
          };
        }
      } finally {
        await empty.close();
      }
    }

    // ------------------------------------------------------------ 3. worker wake to first verdict
    if (STAGES.has('wake')) {
      results.wake = [];
      results.wakeFloor = [];
      // the floor, woken in turn with ours: the empty extension's worker, which has no engine to load
      const floorB = await launchChromium(server, { extDir: floorExt });
      try {
        for (let i = 0; i < Math.max(3, Math.floor(ROUNDS / 2)); i++) {
          const url = i % 2 ? URLS.noFields : URLS.contentPhish;
          const r = await wakeToVerdict(ext, url);
          if (r) results.wake.push(r);
          const f = await wakeToVerdict(floorB, url, { floor: true });
          if (f) results.wakeFloor.push(f.marks['first-event']);
        }
      } finally {
        await floorB.close();
      }
    }
  } finally {
    await ext.close();
  }
  results.elapsed = (Date.now() - t0) / 1000;
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
if (results.load) {
  console.log('## Page load (loadEventEnd, median per page)\n');
  console.log('| page | without | with | added | added (median of paired loads) |');
  console.log('|---|---:|---:|---:|---:|');
  const added = [];
  const addedPaired = [];
  for (const r of results.load) {
    if (r.skipped) {
      console.log(`| ${r.name} | - | - | (left out: blocked at URL level or not loaded) |`);
      continue;
    }
    added.push(r.added);
    addedPaired.push(r.paired);
    console.log(`| ${r.name} | ${f1(r.without)} ms | ${f1(r.with)} ms | ${f1(r.added)} ms | ${f1(r.paired)} ms |`);
  }
  console.log(`\nmedian added page load: ${f1(median(added))} ms over ${added.length} pages (of the per-page paired medians: ${f1(median(addedPaired))} ms) — goal ≤ 5 ms`);
}
if (results.check) {
  console.log('\n## Page check in the browser: page verdict recorded, from DOMContentLoaded (waiting for load included) and from loadEventEnd (extraction + message + engine)\n');
  for (const [name, { times: t, fromLoad: l }] of Object.entries(results.check)) {
    console.log(`${name}: from DCL median ${f1(median(t))} ms, p95 ${f1(pct(t, 0.95))} ms; from loadEventEnd median ${f1(median(l))} ms, p95 ${f1(pct(l, 0.95))} ms (${t.length} loads)`);
  }
  const p50p95 = (xs) => `${f1(median(xs))} / ${f1(pct(xs, 0.95))} ms`;
  const workRow = (name, work) => `| ${name} | ${p50p95(work.map((w) => w.extract))} | ${p50p95(work.map((w) => w.engine))} | ${p50p95(work.map((w) => w.extract + w.engine))} |`;
  const HEAD = '| page | extraction p50 / p95 | engine p50 / p95 | both p50 / p95 |\n|---|---:|---:|---:|';
  console.log('\n## Page check: the work (facts extraction and link scan in the content script + the engine in the worker)\n');
  console.log('### The same page loaded again and again (a warm renderer: V8 may reuse the content script\'s code)\n');
  console.log(HEAD);
  for (const [name, { work }] of Object.entries(results.check)) console.log(workRow(name, work));
  const v = results.visits ?? {};
  const all = (k) => Object.values(v).flatMap((x) => x[k]);
  console.log('\n### First check of a page, each load another site\'s page (the way a person meets it)\n');
  console.log(HEAD);
  for (const [name, { first }] of Object.entries(v)) console.log(workRow(name, first));
  console.log(workRow('**all typical**', all('first')));
  console.log('\n### Checked again in the same document (a paragraph added after load)\n');
  console.log(HEAD);
  for (const [name, { again }] of Object.entries(v)) console.log(workRow(name, again));
  console.log(workRow('**all typical**', all('again')));
  if (results.checkFloor?.length) {
    console.log(`\nfloor: the same first visits with an extension whose content script only reads the plainest facts (title, headings, image alts, form actions, fields with their labels, links, innerText) after load: p50 / p95 ${p50p95(results.checkFloor)} (${results.checkFloor.length} loads)`);
  }
  const start = all('first').map((w) => w.start).filter(Number.isFinite);
  console.log(`\nthe content script at document_start (shared/ui.js's first line → the end of content.js, compile included), first visits: p50 / p95 ${p50p95(start)} (${start.length} loads)`);
}
if (results.firstWorker || results.wake) console.log('\n## Service worker wake → first verdict\n');
if (results.firstWorker) {
  console.log(`first worker (browser start): engine ready ${f1(results.firstWorker.ready)} ms after the worker started`);
}
if (results.wake) {
  const wake = results.wake.map((w) => w.wake);
  const first = results.wake.map((w) => w.first).filter(Number.isFinite);
  const ready = results.wake.map((w) => w.engine).filter(Number.isFinite);
  console.log(`woken worker: first verdict (the URL check of the navigation that woke it) median ${f1(median(first))} ms, max ${f1(Math.max(...first))} ms after the worker started; engine ready median ${f1(median(ready))} ms (${first.length} wakes) — goal ≤ 30 ms`);
  // every milestone the worker marked (background/engine.js mark), median ms after the worker started, in time order
  const names = [...new Set(results.wake.flatMap((w) => Object.keys(w.marks ?? {})))];
  const med = names.map((n) => [n, median(results.wake.map((w) => w.marks?.[n]).filter(Number.isFinite))]).sort((x, y) => x[1] - y[1]);
  console.log(`  milestones (median ms after the worker started): ${med.map(([n, t]) => `${n} ${f1(t)}`).join(', ')}`);
  const ev = results.wake.map((w) => w.marks?.['first-event']).filter(Number.isFinite);
  const after = results.wake.map((w) => w.marks?.['first-verdict'] - w.marks?.['first-event']).filter(Number.isFinite);
  console.log(`  the waking event reached our listener at median ${f1(median(ev))} ms; first verdict ${f1(median(after))} ms after it (median)`);
  if (results.wakeFloor?.length) {
    console.log(`  floor: in a worker with no engine (an empty extension with one webNavigation listener), the same event arrives median ${f1(median(results.wakeFloor))} ms, min ${f1(Math.min(...results.wakeFloor))} ms after the worker started (${results.wakeFloor.length} wakes)`);
  }
  console.log(`  the page's own check recorded: median ${f1(median(wake))} ms, max ${f1(Math.max(...wake))} ms after the worker started (waits for the page to reach the content script; navigation start → verdict median ${f1(median(results.wake.map((w) => w.fromNav)))} ms)`);
}
if (results.keys) {
  console.log('\n## The input guard per keystroke (a covered card field of the shop checkout; keydown + keypress + beforeinput + input)\n');
  console.log('(a page\'s clock is coarsened to 0.1 ms: the means are the finer figure)\n');
  console.log('| page | with: mean, p50 / p95 | without: mean, p50 / p95 | added mean | keys in |');
  console.log('|---|---:|---:|---:|---:|');
  const mean = (xs) => xs.reduce((a, x) => a + x, 0) / xs.length;
  for (const [name, { with: w, without: wo }] of Object.entries(results.keys)) {
    const fx = (x) => (Number.isFinite(x) ? x.toFixed(3) : '-');
    const row = (k) => `${fx(mean(k))}, ${fx(median(k))} / ${fx(pct(k, 0.95))} ms`;
    console.log(`| ${name === 'counting' ? 'a character count changing at every key' : 'as it is'} | ${row(w.keys)} | ${row(wo.keys)} | ${fx(mean(w.keys) - mean(wo.keys))} ms | ${w.typed} of ${w.keys.length} |`);
  }
}
console.log(`\n${zipLine}`);
