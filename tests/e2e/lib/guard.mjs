// Observing the DOM contract from a test (works with playwright-core and puppeteer-core pages alike):
//   `danger`: the tab is sent to the extension's warning.html?url=…&brand=…[&frame=…][&kind=link]&v=<token>;
//   `caution`: <omamori-guard data-level="caution" data-brand="ID|"> on document.documentElement, UI in a closed
//   shadow root; no element when there is no warning.

/** {level, brand, count} of the guard element(s), or null when there is none. */
export function guardOf(page) {
  return page.evaluate(() => {
    const els = document.querySelectorAll('omamori-guard');
    if (els.length === 0) return null;
    const g = els[els.length - 1];
    return {
      level: g.getAttribute('data-level'),
      brand: g.getAttribute('data-brand'),
      count: els.length,
      parentIsRoot: g.parentNode === document.documentElement,
    };
  });
}

export const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

/** Waits until a guard with that level is up; returns its state or throws with what was seen. */
export async function waitForGuard(page, { level = 'caution', timeout = 15_000 } = {}) {
  const end = Date.now() + timeout;
  let last = null;
  while (Date.now() < end) {
    try {
      last = await guardOf(page);
      if (last && (!level || last.level === level)) return last;
    } catch (e) {
      // The page may be navigating; try again.
      last = { error: String(e.message || e) };
    }
    await sleep(100);
  }
  throw new Error(`no <omamori-guard data-level="${level}"> within ${timeout} ms; last seen: ${JSON.stringify(last)}`);
}

/**
 * Asserts that no guard shows up while the extension has time to decide (`settle` ms after load), and returns
 * the state seen (null).
 */
export async function expectNoGuard(page, { settle = 2_500 } = {}) {
  const end = Date.now() + settle;
  while (Date.now() < end) {
    const g = await guardOf(page);
    if (g) throw new Error(`unexpected guard: ${JSON.stringify(g)}`);
    await sleep(150);
  }
  return guardOf(page);
}

/** Value of an input (element handle free). */
export function valueOf(page, selector) {
  return page.evaluate((s) => document.querySelector(s)?.value ?? null, selector);
}

/** Focuses a field by script (so that keys can be sent at once, with no click giving a check time to answer). */
export function focusField(page, selector) {
  return page.evaluate((s) => {
    const el = document.querySelector(s);
    if (!el) throw new Error(`no element ${s}`);
    el.focus();
    return document.activeElement === el;
  }, selector);
}

/**
 * Polls page.url() until it matches (a redirect made by the extension aborts the test's own navigation, so
 * Playwright's waitForURL cannot be used: it fails on the aborted navigation).
 */
export async function waitForUrl(page, re, { timeout = 15_000 } = {}) {
  const end = Date.now() + timeout;
  let href = '';
  while (Date.now() < end) {
    if (re.test(page.url())) return page.url();
    // Firefox over WebDriver BiDi does not report a navigation to a moz-extension: page in page.url(); the
    // document itself knows where it is.
    // Bounded: during a navigation into an extension page the old context can be gone and the new one not
    // yet there, and an evaluate would wait for it past the test's own deadline.
    href = await Promise.race([
      page.evaluate(() => location.href).catch(() => ''),
      sleep(1000).then(() => ''),
    ]);
    if (re.test(href)) return href;
    await sleep(100);
  }
  throw new Error(`page did not reach ${re} within ${timeout} ms; it is at ${page.url()} (document: ${href})`);
}

/** page.goto that tolerates the navigation being aborted or replaced (by the extension's URL-level block). */
export async function gotoLoose(page, url, opts = {}) {
  try {
    return await page.goto(url, { timeout: 20_000, ...opts });
  } catch (e) {
    if (/ERR_ABORTED|NS_BINDING_ABORTED|frame was detached|navigation.*(interrupted|aborted)/i.test(String(e.message))) {
      return null;
    }
    throw e;
  }
}

/** The extension's warning page (either browser), as a URL regular expression. */
export const WARNING_PAGE_RE = /^(chrome|moz)-extension:\/\/[^/]+\/warning\/warning\.html\?/;

/**
 * The level a page shows under the DOM contract, the one place a test reads it from: 'danger' when the tab was
 * sent to the extension's warning page (page-level and URL-level danger alike, and a held link; with `frame`, a
 * danger found in that frame: the warning page then has `frame=` the frame's address); 'caution' for the quiet
 * notice, `<omamori-guard data-level="caution">`; null for none.
 * Returns {level, brand, how, frame?} or {level: null}.
 */
export async function levelShown(page, { frame = null } = {}) {
  const url = await pageUrl(page);
  if (WARNING_PAGE_RE.test(url)) {
    const q = new URL(url).searchParams;
    return { level: 'danger', brand: q.get('brand') || null, how: 'warning-page', frame: q.get('frame') || null };
  }
  let g = null;
  try {
    g = await guardOf(frame ?? page);
  } catch {
    return { level: null, how: 'navigating' };
  }
  if (!g) return { level: null };
  return { level: g.level, brand: g.brand || null, how: 'guard' };
}

/** The page's address (Firefox over WebDriver BiDi does not report moz-extension: pages in page.url()). */
async function pageUrl(page) {
  const u = page.url();
  if (WARNING_PAGE_RE.test(u)) return u;
  // (it may still report the page the tab left: the document knows where it is; bounded, as during that navigation
  // the old context can be gone and the new one not there yet)
  return Promise.race([page.evaluate(() => location.href).catch(() => u), sleep(1000).then(() => u)]);
}

/**
 * Waits until the page is judged `danger` as the DESIGN contract lets a test see it: the tab sent to the
 * extension's warning.html. Returns {where: 'warning-page', brand, frame} or throws with what was seen.
 */
export async function waitForDanger(page, { timeout = 15_000, frame = null } = {}) {
  const end = Date.now() + timeout;
  let last = null;
  while (Date.now() < end) {
    last = await levelShown(page, { frame });
    if (last.level === 'danger') return { where: last.how, brand: last.brand, frame: last.frame ?? null };
    await sleep(100);
  }
  throw new Error(`no danger (warning page) within ${timeout} ms; at ${page.url()}, last seen: ${JSON.stringify(last)}`);
}

/**
 * Waits until the tab is on the extension's warning page and returns its parameters: {url, brand, frame, kind,
 * token, href} (brand, frame, kind null when absent). Once there, waits for its buttons.
 */
export async function waitForWarning(page, { timeout = 15_000 } = {}) {
  const href = await waitForUrl(page, WARNING_PAGE_RE, { timeout });
  const q = new URL(href).searchParams;
  await page.waitForSelector('[data-act="leave"], [data-act="link-stay"]', { timeout });
  return { url: q.get('url'), brand: q.get('brand'), frame: q.get('frame'), kind: q.get('kind'), token: q.get('v'), href };
}
