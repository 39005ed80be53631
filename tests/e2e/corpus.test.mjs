// The real-page corpus in Chromium with the built extension (tests/e2e/lib/corpus.mjs): every Japanese
// phishing-kit page under a brand-free made-up host reaches danger before a key is typed (lures,
// personal-information steps and uploads at least caution), with the brand its manifest names where the knowledge
// base has it; every legitimate page at its own address stays silent and takes a real keystroke. The kits' English
// pages are there for contrast (issue 16 sets its goals on Japanese pages): they count in the figures, which must
// reach the goals over ALL pages (≥ 90 % of login/card/3-D Secure pages at danger, the right brand on
// ≥ 90 % of those), but one of them may miss (two draw PayPal only in a CSS background image the corpus lacks).
// Skips, saying so, when the pages are absent (OMAMORI_PAGES, default <repo root>/../shared/data/pages). Figures
// per page: bench/corpus.mjs.
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

    const seen = []; // {p, hit, brandOk} of every phishing page judged
    corpus.phishing.forEach((p, i) => {
      const want = wantsDanger(p) ? 'danger' : 'caution or danger';
      const strict = p.language === 'ja';
      it(`phishing ${p.id} (${p.kind}, ${p.language}): ${want}${strict ? '' : ' (counted in the figures)'}`, T, async () => {
        const url = phishingUrl(p, i);
        route(sites, url, p.file);
        const { shown, verdict, page } = await judge(b, url);
        try {
          const why = `shown ${JSON.stringify(shown)}; engine ${verdict?.level}/${verdict?.brand} ${(verdict?.reasons ?? []).map((r) => r.code).join(',')}`;
          const hit = wantsDanger(p) ? shown.level === 'danger' : shown.level === 'danger' || shown.level === 'caution';
          const ids = expectedBrands(p);
          const brandOk = !ids.length || shown.level !== 'danger' || ids.includes(shown.brand);
          seen.push({ p, hit, brandOk });
          if (!strict) return;
          assert.ok(hit, `expected ${want}; ${why}`);
          assert.ok(brandOk, `brand ${shown.brand}, expected one of ${ids.join('|')}; ${why}`);
        } finally {
          await page.close().catch(() => {});
        }
      });
    });

    it('the figures over every phishing page reach the issue\'s goals', () => {
      const rows = seen.filter((r) => wantsDanger(r.p));
      const danger = rows.filter((r) => r.hit);
      const lures = seen.filter((r) => !wantsDanger(r.p));
      const figure = `${danger.length}/${rows.length} login/card/3-D Secure pages at danger, the right brand on `
        + `${danger.filter((r) => r.brandOk).length}; ${lures.filter((r) => r.hit).length}/${lures.length} other steps at `
        + `caution or danger; missed: ${seen.filter((r) => !r.hit).map((r) => r.p.id).join(', ') || 'none'}`;
      console.log(`corpus: ${figure}`);
      assert.equal(seen.length, corpus.phishing.length, 'every page judged');
      assert.ok(danger.length >= 0.9 * rows.length, figure);
      assert.ok(danger.filter((r) => r.brandOk).length >= 0.9 * danger.length, figure);
      assert.ok(lures.filter((r) => r.hit).length >= 0.9 * lures.length, figure);
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
            // (the caret may sit before a value the page put in the field: 1234 anywhere in it is what was typed)
            assert.ok(String(value).includes('1234'), `typed 1234 into ${target}, the field holds ${JSON.stringify(value)}`);
          }
        } finally {
          await page.close().catch(() => {});
        }
      });
    }
  });
}
