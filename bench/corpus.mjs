// Figures on the real-page corpus (shared/data/pages), in the terms: Chromium with the built extension
// (dist/chrome), each phishing-kit page under a brand-free made-up host, each legitimate page at its own address.
//
//   node bench/corpus.mjs [--facts DIR] [--only SUBSTRING]
//
// Prints one line per page (what the page showed, the engine's verdict over the facts the content script sent:
// level, brand, step, rules) and the totals. --facts DIR writes each page's facts as the extension read them
// (DIR/<set>/<id>.json), for `target/release/omamori check-page DIR/phishing/<id>.json`. The pages directory:
// OMAMORI_PAGES (default <repo root>/../shared/data/pages).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { launchChromium, openBrowser, closeBrowser } from '../tests/e2e/lib/browsers.mjs';
import {
  loadCorpus, expectedBrands, wantsDanger, phishingUrl, legitUrl, route, judge, typingTarget, typeInto,
} from '../tests/e2e/lib/corpus.mjs';

const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : null;
};
const factsDir = opt('--facts');
const only = opt('--only');

const corpus = loadCorpus();
if (corpus.missing) {
  console.log(`skipped: ${corpus.missing}`);
  process.exit(0);
}

const sites = {};
const { server, b } = await openBrowser(launchChromium, { sites });
const rows = [];
try {
  const pages = [
    ...corpus.phishing.map((p, i) => ({ p, url: phishingUrl(p, i) })),
    ...corpus.legit.map((p) => ({ p, url: legitUrl(p) })),
  ].filter(({ p }) => !only || p.id.includes(only));
  for (const { p, url } of pages) {
    route(sites, url, p.file);
    const { shown, verdict, facts, page } = await judge(b, url);
    let typed = null;
    if (p.set === 'legit' && !shown.level) {
      const target = await typingTarget(page, p.field_selector);
      // (the caret may sit before a value the page put in the field: 1234 anywhere in it is what was typed, as the
      // contract test reads it)
      if (target) {
        const value = String(await typeInto(page, target, '1234'));
        typed = value.includes('1234');
        if (!value.endsWith('1234')) console.error(`(${p.id}: the field holds ${JSON.stringify(value)})`);
      }
    }
    await page.close().catch(() => {});
    if (factsDir && facts) {
      mkdirSync(path.join(factsDir, p.set), { recursive: true });
      writeFileSync(path.join(factsDir, p.set, `${p.id}.json`), JSON.stringify(facts, null, 1));
    }
    const row = {
      set: p.set, id: p.id, kind: p.kind ?? '-', lang: p.language ?? 'ja', shown: shown.level ?? 'none',
      shownBrand: shown.brand ?? '-', level: verdict?.level ?? '-', brand: verdict?.brand ?? '-',
      step: verdict?.step ?? '-', rules: (verdict?.reasons ?? []).map((r) => r.code).join(',') || '-', typed,
      brands: expectedBrands(p),
    };
    rows.push(row);
    console.log([row.set, row.id, row.kind, row.shown, row.shownBrand, row.level, row.brand, row.step, row.rules,
      row.typed == null ? '' : `typed=${row.typed}`].join('\t'));
  }
} finally {
  await closeBrowser(b, server);
}

const pct = (n, d) => (d ? `${((100 * n) / d).toFixed(0)} %` : '-');
const line = (label, n, d) => console.log(`${label}: ${n} of ${d} (${pct(n, d)})`);
const phish = rows.filter((r) => r.set === 'phishing');
const legit = rows.filter((r) => r.set === 'legit');
for (const [label, set] of [['all', phish], ['Japanese', phish.filter((r) => r.lang === 'ja')]]) {
  const strong = set.filter((r) => wantsDanger(r));
  const steps = set.filter((r) => !wantsDanger(r));
  const rightBrand = (r) => r.shown === 'danger' && (r.brands.length === 0 || r.brands.includes(r.shownBrand));
  console.log(`-- phishing pages (${label})`);
  line('login, card and 3-D Secure pages at danger', strong.filter((r) => r.shown === 'danger').length, strong.length);
  line('  … with the right brand', strong.filter(rightBrand).length, strong.length);
  line('lure, personal-information and upload steps at caution or danger',
    steps.filter((r) => r.shown === 'caution' || r.shown === 'danger').length, steps.length);
  line('every phishing page at caution or danger', set.filter((r) => r.shown !== 'none').length, set.length);
}
console.log('-- legitimate pages');
line('false danger', legit.filter((r) => r.shown === 'danger').length, legit.length);
line('any warning', legit.filter((r) => r.shown !== 'none').length, legit.length);
line('typing broken (of the pages with a field)', legit.filter((r) => r.typed === false).length,
  legit.filter((r) => r.typed != null).length);
