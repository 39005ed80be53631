// Helpers shared by the Chromium test files (playwright-core): pages, the background's test hook
// (globalThis.omamori in the service worker), the popup opened as a page, screenshots.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { URLS } from './sites.mjs';
import { OUT_DIR } from './browsers.mjs';
import { sleep, focusField, valueOf, WARNING_PAGE_RE } from './guard.mjs';

mkdirSync(OUT_DIR, { recursive: true });

/** Screenshot into tests/e2e/out/ (never fails a test). */
export const shot = (page, name, opts = {}) =>
  page.screenshot({ path: path.join(OUT_DIR, name), fullPage: false, ...opts }).catch(() => {});

/** A fresh tab; always closed. */
export async function withPage(b, fn) {
  const page = await b.ctx.newPage();
  page.setDefaultTimeout(15_000);
  try {
    return await fn(page);
  } finally {
    await page.close().catch(() => {});
  }
}

/** Polls fn() until it returns a truthy value (returned), or throws with what was last seen. */
export async function until(fn, { timeout = 10_000, every = 100, what = 'condition' } = {}) {
  const end = Date.now() + timeout;
  let last;
  while (Date.now() < end) {
    try {
      last = await fn();
      if (last) return last;
    } catch (e) {
      last = `error: ${e.message}`;
    }
    await sleep(every);
  }
  throw new Error(`timed out after ${timeout} ms waiting for ${what}; last: ${JSON.stringify(last)}`);
}

/**
 * Waits until the background holds a verdict for the frame showing `url` (checked at or after `since`), through
 * the service worker's test hook (globalThis.omamori.tabState). frame: '0' (top) or 'any'. Returns {level, brand,
 * trusted, rules, tabId, frameId}. The verdict of the page's facts: the content script's first check of a
 * loading document (seq 1) is its URL alone, and the page check comes after `load`, so a verdict of seq 1 is
 * waited past (urlOnly: true accepts it).
 */
export async function waitForVerdict(b, url, { since = 0, timeout = 15_000, frame = '0', urlOnly = false } = {}) {
  const end = Date.now() + timeout;
  let last = null;
  while (Date.now() < end) {
    last = await b.sw.evaluate(async ({ url, since, frame, urlOnly }) => {
      if (!globalThis.omamori?.tabState) return { error: 'no globalThis.omamori.tabState in the service worker' };
      for (const t of await chrome.tabs.query({})) {
        const st = await globalThis.omamori.tabState(t.id);
        for (const [id, f] of Object.entries(st?.frames ?? {})) {
          if (frame !== 'any' && id !== frame) continue;
          if (f && f.url === url && f.verdict && (f.at ?? 0) >= since && (urlOnly || !(f.seq === 1))) {
            return {
              level: f.verdict.level, brand: f.verdict.brand ?? null, trusted: !!f.trusted,
              rules: (f.verdict.reasons ?? []).map((r) => r.code), tabId: t.id, frameId: Number(id),
            };
          }
        }
      }
      return null;
    }, { url, since, frame, urlOnly }).catch((e) => ({ error: String(e.message || e) }));
    if (last && !last.error) {
      await sleep(300); // the content script renders right after the answer
      return last;
    }
    await sleep(150);
  }
  throw new Error(`no verdict from the background for ${url} within ${timeout} ms (${JSON.stringify(last)})`);
}

/** The id of the (first) tab whose URL starts with prefix. */
export function tabIdOf(b, prefix) {
  return until(() => b.sw.evaluate(async (p) => {
    const t = (await chrome.tabs.query({})).find((x) => (x.url || x.pendingUrl || '').startsWith(p));
    return t ? t.id : null;
  }, prefix), { what: `a tab at ${prefix}` });
}

/** The toolbar badge text of a tab. */
export const badgeText = (b, tabId) => b.sw.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId);

/** The popup, opened as an ordinary page for a tab (popup.html?tab=<id>); waits for its verdict. */
export async function openPopup(b, tabId, page) {
  const p = page ?? await b.ctx.newPage();
  p.setDefaultTimeout(15_000);
  await p.goto(b.extUrl(`popup/popup.html?tab=${tabId}`));
  await p.waitForSelector('#main[aria-busy="false"] section.status');
  return p;
}

/** fn(popup) with the popup opened as a page (popup-sized) for a tab showing a harmless page; both closed after. */
export async function withPopupOnHarmlessTab(b, fn) {
  const tab = await b.ctx.newPage();
  try {
    await tab.goto(URLS.noFields);
    const tabId = await tabIdOf(b, URLS.noFields);
    return await withPage(b, async (popup) => {
      await popup.setViewportSize({ width: 380, height: 900 });
      await popup.goto(b.extUrl(`popup/popup.html?tab=${tabId}`));
      return fn(popup);
    });
  } finally {
    await tab.close().catch(() => {});
  }
}

/** Waits for a new page (tab or window) whose URL matches re, opened by whatever fn does. */
export async function newPageFrom(b, fn, re, { timeout = 10_000 } = {}) {
  const seen = new Set(b.ctx.pages());
  await fn();
  return until(() => b.ctx.pages().find((p) => !seen.has(p) && re.test(p.url())), { timeout, what: `a new page matching ${re}` });
}

/** Puts text on the (browser-wide) clipboard from a neutral page, so a test can press Control+V elsewhere. */
export async function setClipboard(b, text) {
  const origin = new URL(URLS.noFields).origin;
  await b.ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  await withPage(b, async (p) => {
    await p.goto(URLS.noFields);
    await p.bringToFront();
    await p.evaluate((t) => navigator.clipboard.writeText(t), text);
  });
}

export async function paste(b, page, selector) {
  await b.ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(page.url()).origin });
  await page.bringToFront();
  await focusField(page, selector);
  await page.keyboard.press('Control+V');
  await sleep(200);
}

/**
 * Holds back every request matching `pattern` (an image: the page's `load` waits for it) until the returned function
 * is called, or `ms` have passed; then lets it through, or answers 404 (`notFound`).
 */
export async function holdBack(page, pattern, { ms = 10_000, notFound = false } = {}) {
  let release;
  const gate = new Promise((ok) => {
    release = ok;
    setTimeout(ok, ms);
  });
  await page.route(pattern, async (route) => {
    await gate;
    await (notFound ? route.fulfill({ status: 404, body: '' }) : route.continue()).catch(() => {});
  });
  return release;
}

/** Clears both of the background's lists (trusted origins, report log) between tests. */
export const resetLists = (b) => b.sw.evaluate(() => globalThis.omamori.reset());

/**
 * Whether the background sends tabs to the warning page (the test hook omamori.sendToWarning). Off, a danger page
 * stays where it is, as when the background cannot navigate, so that a test can see what the content script does
 * until the tab has left: every field held, and the background asked again (on again: the tab goes).
 */
export const sendToWarning = (b, on) => b.sw.evaluate((x) => globalThis.omamori.sendToWarning(x), on);

/** Focuses `selector` by script and types `text` with real keys; returns the field's value after. */
export async function typeInto(page, selector, text) {
  await focusField(page, selector).catch(() => {});
  await page.keyboard.type(text, { delay: 2 });
  return valueOf(page, selector);
}

/** The `{ok}` of "continue anyway" on the warning page: a real click once the page has been in view for a second
 * (a click in its first second is not taken: see warning.js). */
export async function continueOnWarningPage(page) {
  await page.waitForSelector('[data-act="continue"]');
  await sleep(1_100);
  await page.click('[data-act="continue"]');
}

/**
 * A held link: after `click()`, the warning page for the link, in the same tab or in a new one (a link that opens
 * a new tab, a form). Returns {warning: the page showing it, sameTab, url, brand, kind, token}.
 */
export async function heldLinkWarning(b, page, click, { timeout = 10_000 } = {}) {
  const seen = new Set(b.ctx.pages());
  await click();
  const found = await until(() => {
    if (WARNING_PAGE_RE.test(page.url())) return { warning: page, sameTab: true };
    const p = b.ctx.pages().find((x) => !seen.has(x) && WARNING_PAGE_RE.test(x.url()));
    return p ? { warning: p, sameTab: false } : null;
  }, { timeout, what: 'the warning page for the held link' });
  await found.warning.waitForSelector('[data-act="link-stay"]');
  const q = new URL(found.warning.url()).searchParams;
  return { ...found, url: q.get('url'), brand: q.get('brand'), kind: q.get('kind'), token: q.get('v') };
}

/**
 * fn(page) on a fresh tab at `url` once the background has judged it `danger`, with its sending to the warning
 * page off (the page stays, as when the background cannot navigate: what the content script holds until the tab
 * has left can be seen); sending is on again afterwards.
 */
export async function onKeptDangerPage(b, url, fn) {
  await sendToWarning(b, false);
  try {
    return await withPage(b, async (page) => {
      await page.goto(url);
      const v = await waitForVerdict(b, url);
      if (v.level !== 'danger') throw new Error(`${url} is not danger: ${JSON.stringify(v)}`);
      return fn(page);
    });
  } finally {
    await sendToWarning(b, true);
  }
}
