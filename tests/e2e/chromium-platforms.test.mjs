// Issue 17, whose content is it, in Chromium (dist/chrome, Japanese UI): a form made by someone on a forms service
// and served from the platform's official host (docs.google.com/forms/…) that claims 三井住友カード and asks for
// card data is `danger` (seen through the one helper that accepts the warning page or the in-page guard), and the
// popup on it never says 公式サイト; Google's own page on an official host still does. On the code before issue 17
// the form was `safe` ("公式サイトです: Google"): no warning, and these tests fail.
// The shell's side: the popup, the check page (context menu) and a held link say through which platform an address
// goes and where it really leads (`.om-route`, the destination's registrable domain in bold), judged there; a
// translate.goog page or link says 「Google 翻訳を経由して X を表示しています」; an official domain before an `@` is
// named as decoration; someone's form is 「Google フォームで誰かが作ったページ」, never official, and never gets the
// badge's ✓; a report of a redirector link carries its destination; text showing Google's sign-in host over
// someone's form is held.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { SITES } from './lib/sites.mjs';
import { launchChromium, openBrowser, closeBrowser } from './lib/browsers.mjs';
import { waitForDanger, gotoLoose, guardOf, sleep } from './lib/guard.mjs';
import {
  shot, withPage, waitForVerdict, tabIdOf, openPopup, badgeText, until, newPageFrom, resetLists, withPopupOnHarmlessTab,
  heldLinkWarning,
} from './lib/chromium.mjs';

const T = { timeout: 60_000 };
const FORM = 'https://docs.google.com/forms/d/e/1FAIpQLSc-Omamori-Test-Form/viewform';
const SURVEY = 'https://docs.google.com/forms/d/e/1FAIpQLSc-Omamori-Survey/viewform';
const GOOGLE_OWN = 'https://accounts.google.com/';
const MAIL = 'https://mail.tsubaki-mail.jp/';
// a redirector of an official domain leading to a look-alike, and to the real site
const REDIR_PHISH = 'https://www.google.com/url?q=https://smbc-card.com.kjsd.cn/&sa=D';
const REDIR_HONEST = 'https://www.google.com/url?q=https://www.smbc-card.com/&sa=D';
// Google Translate's proxy showing another site under translate.goog
const TRANSLATED = 'https://www-kurashi--recipe-jp.translate.goog/?_x_tr_sl=ja&_x_tr_tl=en';

// the shared fixture hosts, plus the platform's hosts of this file
const sites = {
  ...SITES,
  'docs.google.com': { '/forms/d/e/1FAIpQLSc-Omamori-Survey/viewform': 'platform-form-survey.html', '*': 'platform-form-smbc.html' },
  'accounts.google.com': { '*': 'official-top.html' },
  'www.google.com': { '*': 'official-top.html' },
  'www-kurashi--recipe-jp.translate.goog': { '*': 'no-fields.html' },
  'mail.tsubaki-mail.jp': { '*': 'platform-mail.html' },
};

/** The route lines of a rendered verdict in an extension page: [{route, text, strong}]. */
const routesIn = (page, scope) => page.$$eval(`${scope} .om-route`, (ps) => ps.map((p) => ({
  route: p.dataset.route, text: p.textContent, strong: [...p.querySelectorAll('strong')].map((s) => s.textContent),
})));

describe('Chromium: content made by someone on a platform\'s official host (issue 17)', { timeout: 200_000 }, () => {
  let server;
  let b;
  before(async () => ({ server, b } = await openBrowser(launchChromium, { lang: 'ja', sites })));
  after(() => closeBrowser(b, server));

  it('the address with an official domain before its @ goes to the warning page, which says the real host is after the @', T, async () => {
    await withPage(b, async (page) => {
      await gotoLoose(page, 'https://www.smbc-card.com@evil-login.cn/');
      const seen = await waitForDanger(page, { timeout: 20_000 });
      assert.equal(seen.brand, 'smbc_card', JSON.stringify(seen));
      await page.waitForSelector('#main .om-route');
      const routes = await routesIn(page, '#main');
      assert.equal(routes[0]?.route, 'userinfo', JSON.stringify(routes));
      assert.deepEqual(routes[0].strong, ['evil-login.cn']);
      assert.match(routes[0].text, /www\.smbc-card\.com/);
    });
  });

  it('a Google Form that calls itself 三井住友カード and asks for card number and PIN is danger', T, async () => {
    await withPage(b, async (page) => {
      await gotoLoose(page, FORM);
      const seen = await waitForDanger(page, { timeout: 20_000 });
      assert.equal(seen.brand, 'smbc_card', `danger for the brand the form claims (${JSON.stringify(seen)})`);
      await shot(page, 'chromium-platform-form.png');
    });
  });

  it('the popup on that form never says 公式サイト, where on Google\'s own page it does', T, async () => {
    await withPage(b, async (page) => {
      // the control: the platform's own page on an official host is official, and the popup says so
      await page.goto(GOOGLE_OWN);
      const own = await waitForVerdict(b, GOOGLE_OWN);
      assert.equal(own.level, 'safe');
      const ownPopup = await openPopup(b, own.tabId);
      try {
        const title = await ownPopup.textContent('#st-title');
        assert.ok(title.startsWith('公式サイトです'), `Google's own page: ${title}`);
      } finally {
        await ownPopup.close();
      }
      // the form: whatever the tab shows now (the page with its guard, or the warning page), not official
      await gotoLoose(page, FORM);
      await waitForDanger(page, { timeout: 20_000 });
      const tabId = await tabIdOf(b, page.url().split('?')[0]);
      const popup = await openPopup(b, tabId);
      try {
        const title = await popup.textContent('#st-title');
        const all = await popup.textContent('#main');
        assert.ok(!all.includes('公式サイトです'), `the popup on the form: ${title}`);
        assert.notEqual(await popup.getAttribute('section.status', 'data-level'), 'safe');
        await shot(popup, 'chromium-platform-form-popup.png');
      } finally {
        await popup.close();
      }
    });
  });

  it('the popup on a form that only asks a few questions: someone\'s page on Google Forms, no ✓, not official', T, async () => {
    await withPage(b, async (page) => {
      await page.goto(GOOGLE_OWN);
      const own = await waitForVerdict(b, GOOGLE_OWN);
      assert.equal(await badgeText(b, own.tabId), '✓', 'control: Google\'s own page has the official badge');
      await page.goto(SURVEY);
      const v = await waitForVerdict(b, SURVEY);
      assert.equal(v.level, 'none');
      assert.equal(await badgeText(b, v.tabId), '', 'someone\'s form: no official ✓');
      const popup = await openPopup(b, v.tabId);
      try {
        assert.equal(await popup.textContent('#st-title'), 'Google フォームで誰かが作ったページです');
        const all = await popup.textContent('#main');
        assert.ok(all.includes('Googleの公式ページではありません'), all);
        assert.ok(!all.includes('公式サイトです'), all);
        await shot(popup, 'ja-popup-user-content.png', { fullPage: true });
      } finally {
        await popup.close();
      }
    });
  });

  it('the popup on the danger form says whose page it is (someone\'s, on Google Forms)', T, async () => {
    await withPage(b, async (page) => {
      await gotoLoose(page, FORM);
      await waitForDanger(page, { timeout: 20_000 });
      const tabId = await tabIdOf(b, page.url().split('?')[0]);
      const popup = await openPopup(b, tabId);
      try {
        const routes = await routesIn(popup, 'section.status');
        const mine = routes.find((r) => r.route === 'user-content');
        assert.ok(mine, JSON.stringify(routes));
        assert.ok(mine.text.startsWith('Google フォームで誰かが作ったページです。Googleが作ったものではなく'), mine.text);
      } finally {
        await popup.close();
      }
    });
  });

  it('the popup on a translate.goog page: 「Google 翻訳を経由して … を表示しています」', T, async () => {
    await withPage(b, async (page) => {
      await page.goto(TRANSLATED);
      const v = await waitForVerdict(b, TRANSLATED);
      const popup = await openPopup(b, v.tabId);
      try {
        const routes = await routesIn(popup, 'section.status');
        assert.deepEqual(routes.map((r) => r.route), ['proxy'], JSON.stringify(routes));
        assert.equal(routes[0].text, 'Google 翻訳を経由して www.kurashi-recipe.jp を表示しています。');
        assert.deepEqual(routes[0].strong, ['kurashi-recipe.jp'], 'the proxied site\'s registrable domain in bold');
        assert.equal(await popup.textContent('section.status .om-host strong'), 'kurashi-recipe.jp');
      } finally {
        await popup.close();
      }
    });
  });

  describe('check a link: redirectors, translate.goog, the @ trick, someone\'s form', () => {
    /** Pastes text into the popup's link check and returns the result box's level, brand, title and route lines. */
    async function checkInPopup(popup, text) {
      await popup.fill('#check-input', text);
      await popup.evaluate(() => document.getElementById('check-result').replaceChildren());
      await popup.click('#check-button');
      const res = await popup.waitForSelector('#check-result .om-result');
      return {
        level: await res.getAttribute('data-level'),
        brand: await res.getAttribute('data-brand'),
        title: await popup.textContent('#check-result .om-result-title'),
        text: await res.textContent(),
        routes: await routesIn(popup, '#check-result'),
      };
    }

    it('popup: a whole SMS with a Google redirector link names its destination, judged there; the honest one too', T, async () => {
      await withPopupOnHarmlessTab(b, async (popup) => {
        const before = server.requests.length;
        const r = await checkInPopup(popup, `【三井住友カード】ご利用確認のため一時停止しました。至急ご確認ください ${REDIR_PHISH} (配信停止はこちら)`);
        assert.equal(r.level, 'danger');
        assert.equal(r.brand, 'smbc_card');
        assert.deepEqual(r.routes.map((x) => x.route), ['redirect']);
        assert.equal(r.routes[0].text, 'このリンクはGoogleを経由して、smbc-card.com.kjsd.cn へ移動します。');
        assert.deepEqual(r.routes[0].strong, ['kjsd.cn'], 'the destination\'s registrable domain in bold');
        assert.equal(await popup.textContent('#check-result dd .om-host strong'), 'kjsd.cn', 'the real destination');
        assert.equal(await popup.getAttribute('#check-result a[data-open="top"]', 'href'), 'https://www.smbc-card.com/');
        assert.ok(!server.requests.slice(before).some((x) => x.host.includes('google') || x.host.includes('kjsd')), 'nothing was opened');
        await shot(popup, 'ja-popup-check-redirect.png', { fullPage: true });

        const ok = await checkInPopup(popup, REDIR_HONEST);
        assert.equal(ok.level, 'safe');
        assert.equal(ok.title, '三井住友カードの公式サイトのリンクです');
        assert.equal(ok.routes[0].text, 'このリンクはGoogleを経由して、www.smbc-card.com へ移動します。');
      });
    });

    it('popup: a translate.goog link, an official domain before an "@", someone\'s Google Form, a hidden redirect', T, async () => {
      await withPopupOnHarmlessTab(b, async (popup) => {
        const tr = await checkInPopup(popup, 'https://kjhsdfq-cn.translate.goog/login?_x_tr_sl=auto&_x_tr_tl=ja');
        assert.equal(tr.routes[0].route, 'proxy');
        assert.equal(tr.routes[0].text, 'Google 翻訳を経由して kjhsdfq.cn を表示しています。');

        const at = await checkInPopup(popup, 'https://www.smbc-card.com@evil-login.cn/');
        assert.equal(at.level, 'danger');
        assert.equal(at.brand, 'smbc_card');
        assert.equal(at.routes[0].route, 'userinfo');
        assert.equal(at.routes[0].text,
          '「@」より前の www.smbc-card.com (三井住友カードの公式ドメイン)は飾りです。本当の行き先は「@」の後ろの evil-login.cn です。');
        assert.deepEqual(at.routes[0].strong, ['evil-login.cn']);
        await shot(popup, 'ja-popup-check-userinfo.png', { fullPage: true });

        const form = await checkInPopup(popup, SURVEY);
        assert.equal(form.level, 'none');
        assert.equal(form.title, 'Google フォームで誰かが作ったページへのリンクです');
        assert.ok(!form.text.includes('公式サイトのリンク'), form.text);
        assert.ok(!form.text.includes('本当の持ち主'), 'google.com is not called the owner of someone\'s form');

        const hidden = await checkInPopup(popup, 'https://www.linkedin.com/slink?code=abc123');
        assert.equal(hidden.level, 'none');
        assert.equal(hidden.routes[0].route, 'hidden');
        assert.match(hidden.routes[0].text, /本当の行き先はアドレスからは読み取れません/);
        assert.equal(await popup.textContent('#check-result .om-dest-hidden'), 'アドレスからは読み取れません',
          'the redirector\'s own host is not shown as the real destination');
      });
    });

    /** What a click on the context-menu item does for link: the check page in its own window, once it is ready. */
    async function checkPageFor(link) {
      const win = await newPageFrom(b, () => b.sw.evaluate((l) => globalThis.omamori.menuClicked({ menuItemId: globalThis.omamori.menuId, linkUrl: l }, null), link),
        /check\/check\.html\?url=/);
      await win.waitForSelector('body[data-ready="true"]');
      return win;
    }

    it('context menu → check page on a redirector link: through Google, to the look-alike', T, async () => {
      const win = await checkPageFor(REDIR_PHISH);
      try {
        assert.equal(await win.getAttribute('.om-result', 'data-level'), 'danger');
        const routes = await routesIn(win, '#checked');
        assert.equal(routes[0]?.text, 'このリンクはGoogleを経由して、smbc-card.com.kjsd.cn へ移動します。');
        await shot(win, 'ja-check-page-redirect.png', { fullPage: true });
      } finally {
        await win.close();
      }
    });

    it('a report of a redirector link (check page) carries its destination, not www.google.com/url', T, async () => {
      await resetLists(b);
      const win = await checkPageFor(REDIR_PHISH);
      try {
        const report = await newPageFrom(b, () => win.click('[data-act="report"]'), /report\/report\.html/);
        try {
          await report.waitForSelector('#report-url');
          assert.equal(await report.textContent('#report-url'), 'https://smbc-card.com.kjsd.cn/', 'the destination is what is reported');
        } finally {
          await report.close();
        }
      } finally {
        await win.close();
      }
    });
  });

  describe('held links through a redirector and to someone\'s form (mail.tsubaki-mail.jp)', () => {
    /**
     * A real click on selector is held: the link's warning page (these links open a new tab, so it is in a new tab;
     * the mail does not navigate) with that brand. Returns the warning page.
     */
    async function expectHeld(page, selector, brand) {
      const url = page.url();
      const held = await heldLinkWarning(b, page, () => page.click(selector));
      assert.equal(held.kind, 'link');
      assert.equal(held.brand, brand, `${selector}: ${JSON.stringify({ ...held, warning: undefined })}`);
      assert.equal(held.sameTab, false, 'a link that opens a new tab: its warning in that new tab');
      assert.equal(page.url(), url, 'the mail did not navigate');
      return held.warning;
    }
    async function openMail(page) {
      await page.goto(MAIL);
      await sleep(500); // the links are checked ahead, with the page's facts
    }

    it('text showing 三井住友カード\'s address over a Google redirector to a look-alike is held, and the card names the route', T, async () => {
      await withPage(b, async (page) => {
        await openMail(page);
        const w = await expectHeld(page, '#redir-text', 'smbc_card');
        assert.deepEqual(await routesIn(w, '#main'), [{ route: 'redirect', text: 'このリンクはGoogleを経由して、smbc-card.com.kjsd.cn へ移動します。', strong: ['kjsd.cn'] }]);
        await shot(w, 'ja-link-held-redirect.png');
        await w.close();
        const w2 = await expectHeld(page, '#redir-lookalike', 'smbc_card');
        assert.equal((await routesIn(w2, '#main'))[0]?.route, 'redirect');
        await w2.close();
      });
    });

    it('text showing 三井住友カード\'s or Google\'s sign-in address over someone\'s Google Form is held', T, async () => {
      await withPage(b, async (page) => {
        await openMail(page);
        // the platform's own domain in the text is not the platform's own page behind it
        const w = await expectHeld(page, '#form-as-google', 'google');
        await w.close();
        const w2 = await expectHeld(page, '#form-as-brand', 'smbc_card');
        assert.equal((await routesIn(w2, '#main'))[0]?.route, 'user-content');
        await w2.close();
      });
    });

    it('the redirector to the real site, and a form\'s own address over the form, open without a hold', T, async () => {
      await withPage(b, async (page) => {
        await openMail(page);
        for (const [sel, re] of [['#redir-honest', /^https:\/\/www\.google\.com\/url\?q=https:\/\/www\.smbc-card\.com\//],
          ['#form-plain', /^https:\/\/docs\.google\.com\/forms\/d\/e\/1FAIpQLSc-Omamori-Survey\//]]) {
          const p = await newPageFrom(b, () => page.click(sel), re);
          assert.equal(await guardOf(page), null, `${sel}: no hold`);
          await p.close();
        }
      });
    });
  });
});
