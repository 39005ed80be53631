// The real-page corpus (shared/data/pages: phishing-kit pages and legitimate pages, each with a manifest), served
// to Chromium with the built extension: phishing pages under brand-free made-up hosts, legitimate pages at the
// address they would live at. Used by tests/e2e/corpus.test.mjs (the contract) and bench/corpus.mjs (figures).
//
// The directory comes from OMAMORI_PAGES, default <repo root>/../shared/data/pages (from a worktree under /work:
// /work/shared/data/pages). It is development data: nothing here is keyed to a page beyond the manifest.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './browsers.mjs';
import { levelShown, gotoLoose, sleep, focusField, valueOf } from './guard.mjs';

function defaultPagesDir() {
  // <repo root>/../shared/data/pages; a git worktree's root sits beside the main checkout under /work
  const beside = path.resolve(ROOT, '../shared/data/pages');
  return beside;
}

export const PAGES_DIR = path.resolve(process.env.OMAMORI_PAGES ?? defaultPagesDir());

/** The corpus, or null (with why) when its directory is absent. */
export function loadCorpus(dir = PAGES_DIR) {
  const read = (set) => {
    const m = path.join(dir, set, 'manifest.json');
    if (!existsSync(m)) return null;
    return JSON.parse(readFileSync(m, 'utf8')).map((p) => ({ ...p, set, file: path.join(dir, set, `${p.id}.html`) }))
      .filter((p) => existsSync(p.file) && statSync(p.file).isFile());
  };
  const phishing = read('phishing');
  const legit = read('legit');
  if (!phishing || !legit) return { missing: `no page corpus at ${dir} (set OMAMORI_PAGES)` };
  return { phishing, legit };
}

// The brand a manifest names (as its author wrote it) → the knowledge-base ids that count as right. A page whose
// brand is not in the knowledge base maps to [] (danger without a brand is then accepted).
const BRAND_IDS = [
  // a 3-D Secure page is named after the issuer or network it shows (kits pick the issuer's logo by the card's
  // BIN), or none ("a card company's authentication service"): any brand, or none
  [/3-?D Secure|認証サービス|SecureCode|Verified by Visa/i, []],
  [/amazon/i, ['amazon']],
  [/apple|icloud/i, ['apple']],
  [/paypal/i, ['paypal']],
  [/yahoo/i, ['yahoo_japan']],
  [/microsoft/i, ['microsoft']],
  [/chase/i, ['chase']],
  [/EDD|Bank of America/i, ['bank_of_america', 'visa']],
];

/** Knowledge-base ids that name the manifest's brand right ([]: any brand, or none, is accepted). */
export function expectedBrands(p) {
  const text = `${p.brand?.ja ?? ''} ${p.brand?.en ?? ''}`;
  for (const [re, ids] of BRAND_IDS) if (re.test(text)) return ids;
  return [];
}

/** Lure pages, personal-information steps and uploads (kind "other"): at least caution. The rest: danger. */
export const wantsDanger = (p) => p.kind !== 'other';

// Brand-free made-up hosts for the phishing pages: ordinary words under .com, as most phishing hosts are (no
// brand token, no abused suffix, no random label: the page content must decide).
const WORDS = ['hinode', 'kaede', 'minato', 'sorairo', 'tsubaki', 'yamabuki', 'asagiri', 'kohaku', 'nagisa', 'wakaba'];
export function phishingUrl(p, i) {
  const host = `www.${WORDS[i % WORDS.length]}-${WORDS[(i * 3 + 1) % WORDS.length]}${i}.com`;
  return `https://${host}/${p.id.replace(/-\d+$/, '').replace(/[^a-z]+/g, '/')}`;
}

export const legitUrl = (p) => p.the_url_it_would_live_at;

/** Serves `file` at `url` (and only that) from the fixture server whose site table is `sites`. */
export function route(sites, url, file) {
  for (const k of Object.keys(sites)) delete sites[k];
  sites[new URL(url).hostname] = { '*': file };
}

/**
 * Opens `url` in a fresh tab and waits until the extension has judged the page (its full page check answered and
 * the page shows what it said, or the tab went to the warning page). Returns
 *   { shown: {level, brand, how}, verdict: the engine's most severe verdict over the facts the content script
 *     sent, facts: those facts (the last of the most severe), page }
 * The caller closes `page`.
 */
export async function judge(b, url, { timeout = 12_000, settle = 1_500 } = {}) {
  await b.sw.evaluate((url) => {
    globalThis.__corpusFacts = [];
    if (!globalThis.__corpusListener) {
      globalThis.__corpusListener = (m) => {
        if (m && m.type === 'check' && m.facts && Array.isArray(m.facts.inputs) && m.facts.title !== undefined
          && m.facts.url === globalThis.__corpusUrl) globalThis.__corpusFacts.push(m.facts);
      };
      chrome.runtime.onMessage.addListener(globalThis.__corpusListener);
    }
    globalThis.__corpusUrl = url;
  }, url);
  const page = await b.ctx.newPage();
  page.setDefaultTimeout(15_000);
  await gotoLoose(page, url);
  const end = Date.now() + timeout;
  let shown = { level: null };
  let settledAt = 0;
  while (Date.now() < end) {
    shown = await levelShown(page);
    if (shown.level === 'danger') break;
    const n = await b.sw.evaluate(() => globalThis.__corpusFacts.length).catch(() => 0);
    if (n > 0) {
      if (!settledAt) settledAt = Date.now();
      else if (Date.now() - settledAt > settle) break;
    }
    await sleep(150);
  }
  const { verdict, facts } = await b.sw.evaluate(async () => {
    const rank = { safe: 0, none: 1, caution: 2, danger: 3 };
    let best = null;
    for (const f of globalThis.__corpusFacts) {
      const v = await globalThis.omamori.checkPage(f);
      if (!best || rank[v.level] >= rank[best.verdict.level]) best = { verdict: v, facts: f };
    }
    return best ? JSON.parse(JSON.stringify(best)) : { verdict: null, facts: null };
  });
  return { shown, verdict, facts, page };
}

/** A field of a legitimate page to type into: the manifest's selector when it names a text-like field. */
export async function typingTarget(page, selector) {
  return page.evaluate((sel) => {
    const ok = (el) => el && el.matches('input:not([type]), input[type=text], input[type=email], input[type=password], input[type=tel], input[type=number], input[type=search], textarea')
      && !el.disabled && !el.readOnly && el.getClientRects().length > 0;
    let el = null;
    try {
      el = sel ? document.querySelector(sel) : null;
    } catch { /* a selector of the manifest this browser does not take */ }
    if (!ok(el)) el = [...document.querySelectorAll('input, textarea')].find(ok) ?? null;
    if (!el) return null;
    if (el.id) return `#${CSS.escape(el.id)}`;
    // (marked by an attribute no check reads: a new id is a change of the field the guard reads again, and holds
    // the field until it has)
    el.setAttribute('data-omamori-corpus-target', '');
    return '[data-omamori-corpus-target]';
  }, selector);
}

/** Types a few keys into `selector` with the real keyboard; returns the field's value afterwards. */
export async function typeInto(page, selector, keys = '1234') {
  await page.bringToFront();
  await focusField(page, selector);
  await page.keyboard.type(keys, { delay: 20 });
  await sleep(150);
  return valueOf(page, selector);
}
