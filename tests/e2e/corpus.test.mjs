// The real-page corpus in Chromium with the built extension (tests/e2e/lib/corpus.mjs): every phishing-kit page
// under a brand-free made-up host reaches danger before a key is typed (lures, personal-information steps and
// uploads at least caution), with the brand its manifest names where the knowledge base has it; every legitimate
// page at its own address stays silent and takes a real keystroke. Skips, saying so, when the pages are absent
// (OMAMORI_PAGES, default <repo root>/../shared/data/pages). Figures per page: bench/corpus.mjs.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchChromium, openBrowser, closeBrowser } from './lib/browsers.mjs';
import {
  loadCorpus, expectedBrands, wantsDanger, phishingUrl, legitUrl, route, judge, typingTarget, typeInto,
} from './lib/corpus.mjs';

const corpus = loadCorpus();
const T = { timeout: 60_000 };

if (corpus.missing) {
  describe('Chromium: the real-page corpus', () => {
    it(`skipped: ${corpus.missing}`, { skip: corpus.missing }, () => {});
  });
} else {
  describe('Chromium: the real-page corpus', { timeout: 1_800_000 }, () => {
    const sites = {};
    let server;
    let b;
    before(async () => ({ server, b } = await openBrowser(launchChromium, { sites })));
    after(() => closeBrowser(b, server));

    corpus.phishing.forEach((p, i) => {
      const want = wantsDanger(p) ? 'danger' : 'caution or danger';
      it(`phishing ${p.id} (${p.kind}): ${want}`, T, async () => {
        const url = phishingUrl(p, i);
        route(sites, url, p.file);
        const { shown, verdict, page } = await judge(b, url);
        try {
          const why = `shown ${JSON.stringify(shown)}; engine ${verdict?.level}/${verdict?.brand} ${(verdict?.reasons ?? []).map((r) => r.code).join(',')}`;
          if (wantsDanger(p)) assert.equal(shown.level, 'danger', why);
          else assert.ok(shown.level === 'danger' || shown.level === 'caution', why);
          const ids = expectedBrands(p);
          if (ids.length && shown.level === 'danger') {
            assert.ok(ids.includes(shown.brand), `brand ${shown.brand}, expected one of ${ids.join('|')}; ${why}`);
          }
        } finally {
          await page.close().catch(() => {});
        }
      });
    });

    for (const p of corpus.legit) {
      it(`legit ${p.id}: silent, takes typing`, T, async () => {
        const url = legitUrl(p);
        route(sites, url, p.file);
        const { shown, verdict, page } = await judge(b, url);
        try {
          assert.equal(shown.level, null,
            `shown ${JSON.stringify(shown)}; engine ${verdict?.level}/${verdict?.brand} ${(verdict?.reasons ?? []).map((r) => r.code).join(',')}`);
          const target = await typingTarget(page, p.field_selector);
          if (target) {
            const value = await typeInto(page, target, '1234');
            assert.ok(String(value).endsWith('1234'), `typed 1234 into ${target}, the field holds ${JSON.stringify(value)}`);
          }
        } finally {
          await page.close().catch(() => {});
        }
      });
    }
  });
}
