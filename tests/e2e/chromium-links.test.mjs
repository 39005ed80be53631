// Before the click (Chromium, dist/chrome, Japanese UI): deceptive links in a webmail are held (links added after
// load, <area>, <button formaction>, a link styled as a button, an onclick location change), honest links and the
// brands' own redirect domains are not; "check a link" pasted into the popup; the context-menu item and the check
// page it opens; the directory of official sites searched in kanji, hiragana, katakana, half-width kana and romaji,
// with pinned favourites.
import { describe, it, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { URLS } from './lib/sites.mjs';
import { launchChromium, openBrowser, closeBrowser } from './lib/browsers.mjs';
import { guardOf, sleep, waitForWarning } from './lib/guard.mjs';
import { shot, withPage, newPageFrom, until, resetLists, tabIdOf, heldLinkWarning } from './lib/chromium.mjs';

const T = { timeout: 60_000 };

describe('Chromium: deceptive links, link check, directory (ja)', { timeout: 400_000 }, () => {
  let server;
  let b;
  before(async () => ({ server, b } = await openBrowser(launchChromium, { lang: 'ja' })));
  after(() => closeBrowser(b, server));
  beforeEach(async () => {
    await resetLists(b);
    await b.sw.evaluate(() => chrome.storage.local.remove('favorites'));
  });

  /** The webmail with message n open (its links added after load, without a reload). */
  async function openMail(page, n) {
    if (!page.url().startsWith(URLS.webmail)) {
      await page.goto(URLS.webmail);
      await sleep(300);
    }
    await page.click(`#open-${n}`);
    await page.waitForSelector(`#pane h1`);
  }

  /**
   * A real click on `target` (selector, or {x, y}) is held: the link's warning page (kind=link) for `href` with
   * that brand, in this tab or (newTab) a new one, and the webmail itself did not follow the link.
   */
  async function expectHeld(page, target, { brand, href, newTab }) {
    const url = page.url();
    const mark = server.requests.length;
    const held = await heldLinkWarning(b, page, () => (typeof target === 'string' ? page.click(target) : page.mouse.click(target.x, target.y)));
    assert.equal(held.kind, 'link');
    assert.equal(held.brand, brand, `held link: ${JSON.stringify({ ...held, warning: undefined })}`);
    assert.equal(held.url, href, 'url = where the link really goes');
    assert.equal(held.sameTab, !newTab, newTab ? 'a link that opens a new tab: its warning in that new tab' : 'the tab itself goes to the warning');
    if (!held.sameTab) assert.equal(page.url(), url, 'the page did not navigate');
    await sleep(300);
    assert.ok(!server.requests.slice(mark).some((r) => r.host === new URL(href).host), 'the link was not opened');
    return held;
  }

  /** "Don't open" (Escape): back to the page the person was on (the warning's own tab closes). */
  async function dismiss(page, held) {
    // (the warning's tab may close before the key is let go)
    await held.warning.keyboard.press('Escape').catch(() => {});
    if (held.sameTab) await until(() => page.url().startsWith(URLS.webmail), { what: 'back on the webmail', timeout: 5_000 });
    else await until(() => held.warning.isClosed(), { what: 'the warning\'s tab closed', timeout: 5_000 });
  }

  /** A real click on an honest link opens it (these links open in a new tab). */
  async function expectOpens(page, selector, re) {
    const p = await newPageFrom(b, () => page.click(selector), re);
    assert.equal(await guardOf(page), null, 'no hold');
    await p.close();
  }

  const PHISH = 'https://secure-verify-center.com/card';

  it('webmail: link text https://www.micard.co.jp/ with href elsewhere is held, with why and the real site', T, async () => {
    await withPage(b, async (page) => {
      await openMail(page, 1);
      const held = await expectHeld(page, '#deceptive-text', { brand: 'micard', href: PHISH, newTab: true });
      const w = held.warning;
      assert.equal(await w.textContent('h1'), 'このリンクは、表示とちがうサイトに向かっています');
      assert.equal(await w.evaluate(() => document.activeElement?.dataset.act), 'link-stay', 'focus on the safe choice');
      assert.equal(await w.getAttribute('#main', 'role'), 'alertdialog');
      const text = await w.textContent('main');
      assert.ok(text.includes('www.micard.co.jp'), 'shows the address the link pretends to');
      assert.ok(text.includes('secure-verify-center.com'), 'shows where it really goes');
      assert.ok(text.includes('リンクの文字はエムアイカードの公式ドメイン「www.micard.co.jp」ですが、実際の行き先は「secure-verify-center.com」です。'));
      await shot(w, 'ja-link-held.png');
      // "Open MI Card's official site instead": there (from the knowledge base), in the warning's tab.
      await w.click('[data-act="link-official"]');
      await until(() => w.url() === 'https://www.micard.co.jp/', { what: 'the official site' });
      await w.close();
      // The same link's title attribute, a static ad link, a lookalike href, a link styled as a button.
      for (const [sel, brand, href] of [['#deceptive-title', 'micard', PHISH], ['#static-deceptive', 'micard', PHISH],
        ['#lookalike', 'micard', 'https://micard.co.jp.kwtqq.com/app/login'], ['#lookalike-button', 'mizuho_bank', 'https://mizuho-bank.co.jp.xyz/login']]) {
        await dismiss(page, await expectHeld(page, sel, { brand, href, newTab: true }));
      }
    });
  });

  it('webmail: <area> and an onclick location change are held in the tab; "don\'t open" goes back to the mail', T, async () => {
    await withPage(b, async (page) => {
      await openMail(page, 1);
      const img = await page.locator('img[usemap]').boundingBox();
      await dismiss(page, await expectHeld(page, { x: img.x + 20, y: img.y + 10 }, { brand: 'micard', href: 'https://micard.co.jp.kwtqq.com/' }));
      await openMail(page, 1);
      await dismiss(page, await expectHeld(page, '#onclick-button', { brand: 'micard', href: 'https://micard.co.jp.kwtqq.com/app/login' }));
      assert.equal(new URL(page.url()).host, 'mail.hanamizuki-mail.jp');
    });
  });

  it('webmail: a form sent to a deceptive address (<button formaction>) is held in a new tab; the form stays as it was; "send anyway" sends it once', T, async () => {
    await withPage(b, async (page) => {
      await openMail(page, 1);
      await page.evaluate(() => { window.__marker = 'still here'; });
      const held = await expectHeld(page, '#formaction-button', { brand: 'micard', href: 'https://micard.co.jp.kwtqq.com/app/login', newTab: true });
      assert.equal(await held.warning.textContent('h1'), 'このフォームの送信先は、表示とちがうサイトです');
      assert.equal(await held.warning.textContent('[data-act="link-open"]'), 'それでも送信する');
      assert.equal(await page.evaluate(() => window.__marker), 'still here', 'the mail page was not left');
      await sleep(1_100);
      await held.warning.click('[data-act="link-open"]');
      await until(() => held.warning.isClosed(), { what: 'the warning\'s tab closed' });
      // The form went (its address is itself a URL-level danger: that warning follows, in the mail's tab).
      const w = await waitForWarning(page);
      assert.equal(w.url.split('?')[0], 'https://micard.co.jp.kwtqq.com/app/login');
      assert.equal(w.kind, null, 'the address\'s own warning, not the link\'s');
    });
  });

  it('webmail: honest links, the brand\'s own redirect domain and ordinary links open without a hold', T, async () => {
    await withPage(b, async (page) => {
      await openMail(page, 2);
      await expectOpens(page, '#honest', /^https:\/\/www\.micard\.co\.jp\/$/);
      await expectOpens(page, '#honest-www1', /^https:\/\/www1\.micard\.co\.jp\/app\/login$/);
      await openMail(page, 3);
      await expectOpens(page, '#redirector', /^https:\/\/www\.vpass\.ne\.jp\/campaign\//);
      await expectOpens(page, '#plain', /^https:\/\/www\.kurashi-recipe\.jp\/$/);
      await expectOpens(page, '#static-plain', /^https:\/\/www\.kurashi-recipe\.jp\/$/);
    });
  });

  it('a link added after load and clicked at once is held; "open anyway" then opens it, and trusts nothing', T, async () => {
    await withPage(b, async (page) => {
      await page.goto(URLS.webmail);
      await sleep(300);
      // Insert and click in the same turn: no scan could have seen it; the click waits for the background.
      const box = await page.evaluate(() => {
        const a = document.createElement('a');
        a.id = 'late';
        a.href = 'https://secure-verify-center.com/card';
        a.textContent = 'https://www.micard.co.jp/';
        document.getElementById('pane').append(a);
        const r = a.getBoundingClientRect();
        return { x: r.x + 5, y: r.y + r.height / 2 };
      });
      const held = await expectHeld(page, box, { brand: 'micard', href: PHISH });
      await sleep(1_100); // "open anyway" is a deliberate act (not in the warning's first second)
      await held.warning.click('[data-act="link-open"]');
      // The link opens once; the page there is judged as any page (a danger page: its own warning).
      await until(() => server.requests.some((r) => r.host === 'secure-verify-center.com' && r.path === '/card'), { what: 'the link opened' });
      const w = await waitForWarning(page);
      assert.equal(w.url, PHISH);
      assert.equal(w.kind, null, 'the page\'s own warning');
      assert.deepEqual(await b.sw.evaluate(() => globalThis.omamori.trusted()), {}, '"open anyway" trusts nothing');
    });
  });

  it('popup: a link pasted from an SMS is judged without opening it', T, async () => {
    const tab = await b.ctx.newPage(); // the tab the popup belongs to
    await tab.goto(URLS.noFields);
    const tabId = await tabIdOf(b, URLS.noFields);
    const popup = await b.ctx.newPage();
    try {
      await popup.setViewportSize({ width: 380, height: 900 });
      await popup.goto(b.extUrl(`popup/popup.html?tab=${tabId}`));
      const before = server.requests.length;
      const sms = '【エムアイカード】ご利用確認のため一時制限しました。こちらからご確認ください https://micard.co.jp.kwtqq.com/app/login?id=8812';
      await popup.fill('#check-input', sms);
      await popup.click('#check-button');
      const res = await popup.waitForSelector('#check-result .om-result');
      assert.equal(await res.getAttribute('data-level'), 'danger');
      assert.equal(await res.getAttribute('data-brand'), 'micard');
      const text = await res.textContent();
      assert.ok(text.includes('「エムアイカード」を装った偽サイトの可能性があります'), text);
      assert.ok(text.includes('装っている企業・サービス'), text);
      assert.equal(await popup.textContent('#check-result .om-host strong'), 'kwtqq.com', 'the real registrable domain in bold');
      assert.ok((await popup.$$('#check-result .om-result-reasons li')).length >= 2, 'reasons');
      assert.equal(await popup.getAttribute('#check-result a[data-open="top"]', 'href'), 'https://www.micard.co.jp/');
      assert.equal(await popup.getAttribute('#check-result a[data-open="login"]', 'href'), 'https://www1.micard.co.jp/app/login');
      assert.ok(!server.requests.slice(before).some((r) => r.host.includes('kwtqq')), 'the link was not opened');
      await shot(popup, 'ja-popup-check.png', { fullPage: true });
      // The official site instead: a new tab.
      const official = await newPageFrom(b, () => popup.click('#check-result a[data-open="top"]'), /^https:\/\/www\.micard\.co\.jp\/$/);
      await official.close();
    } finally {
      await popup.close().catch(() => {});
    }
    // An official link, a bare domain without scheme, and text without any address.
    const p2 = await b.ctx.newPage();
    try {
      await p2.goto(b.extUrl(`popup/popup.html?tab=${tabId}`));
      for (const [input, level, brand] of [
        ['https://www1.micard.co.jp/app/login', 'safe', 'micard'],
        ['お荷物のお届けにあがりましたが不在のため持ち帰りました。 mizuho-bank.co.jp.xyz/login', 'danger', 'mizuho_bank'],
        ['こんにちは', 'invalid', null],
      ]) {
        await p2.fill('#check-input', input);
        await p2.click('#check-button');
        await until(async () => (await p2.getAttribute('#check-result .om-result', 'data-level')) === level, { what: `${level} for ${input}` });
        if (brand) assert.equal(await p2.getAttribute('#check-result .om-result', 'data-brand'), brand);
      }
      assert.match(await p2.textContent('#check-result'), /アドレス\(URL\)を読み取れませんでした/);
    } finally {
      await p2.close();
      await tab.close();
    }
  });

  it('context menu: "このリンクを確認" is registered for links, and opens the check page with the link', T, async () => {
    const menu = await b.sw.evaluate(async () => {
      await globalThis.omamori.menusReady;
      return new Promise((ok) => {
        chrome.contextMenus.update(globalThis.omamori.menuId, { contexts: ['link'] }, () => ok(chrome.runtime.lastError?.message ?? 'ok'));
      });
    });
    assert.equal(menu, 'ok', 'the menu item exists');
    const none = await b.sw.evaluate(() => new Promise((ok) => {
      chrome.contextMenus.update('no-such-item', {}, () => ok(chrome.runtime.lastError ? 'missing' : 'ok'));
    }));
    assert.equal(none, 'missing', 'control: update() fails for an item that does not exist');
    const title = await b.sw.evaluate(() => chrome.i18n.getMessage('menu_check_link'));
    assert.equal(title, 'このリンクを確認');
    // What a click on the item does (the menu itself cannot be clicked by automation): a small window.
    const link = 'https://micard.co.jp.kwtqq.com/app/login';
    const win = await newPageFrom(b, () => b.sw.evaluate((l) => globalThis.omamori.menuClicked({ menuItemId: globalThis.omamori.menuId, linkUrl: l }, null), link),
      /check\/check\.html\?url=/);
    try {
      assert.equal(new URL(win.url()).searchParams.get('url'), link);
      const kind = await b.sw.evaluate(async () => (await chrome.windows.getAll({ populate: true }))
        .find((w) => w.tabs.some((t) => (t.url || t.pendingUrl || '').includes('check/check.html')))?.type);
      assert.equal(kind, 'popup', 'shown in a small window of its own');
      await win.waitForSelector('body[data-ready="true"]');
      assert.equal(await win.getAttribute('.om-result', 'data-level'), 'danger');
      assert.match(await win.textContent('.om-result'), /エムアイカード/);
    } finally {
      await win.close();
    }
  });

  it('check page (check.html?url=…): verdict, official site, report; honest links can be opened', T, async () => {
    await withPage(b, async (page) => {
      await page.setViewportSize({ width: 480, height: 760 });
      await page.goto(b.extUrl(`check/check.html?url=${encodeURIComponent('https://micard.co.jp.kwtqq.com/')}`));
      await page.waitForSelector('body[data-ready="true"]');
      assert.equal(await page.title(), 'リンクの確認 - Omamori');
      assert.equal(await page.getAttribute('.om-result', 'data-level'), 'danger');
      assert.equal(await page.textContent('.om-host strong'), 'kwtqq.com');
      assert.ok(await page.$('[data-act="report"]'));
      assert.equal(await page.$('[data-act="open-link"]'), null, 'no "open" for a dangerous link');
      await shot(page, 'ja-check-page.png', { fullPage: true });
      const report = await newPageFrom(b, () => page.click('[data-act="report"]'), /report\/report\.html/);
      await report.waitForSelector('#report-url');
      assert.equal(await report.textContent('#report-url'), 'https://micard.co.jp.kwtqq.com/');
      await report.close();
      await page.goto(b.extUrl(`check/check.html?url=${encodeURIComponent('https://www.micard.co.jp/')}`));
      await page.waitForSelector('body[data-ready="true"]');
      assert.equal(await page.getAttribute('.om-result', 'data-level'), 'safe');
      assert.equal(await page.textContent('.om-result-title'), 'エムアイカードの公式サイトのリンクです');
      assert.ok(await page.$('[data-act="open-link"]'));
    });
  });

  it('directory: みずほ, ミズホ, ﾐｽﾞﾎ, mizuho, ｍｉｚｕｈｏ, Mizuho Bank, みずほ銀行 all find Mizuho Bank; opens top and login', T, async () => {
    const tab = await b.ctx.newPage();
    await tab.goto(URLS.noFields);
    const tabId = await tabIdOf(b, URLS.noFields);
    const popup = await b.ctx.newPage();
    try {
      await popup.setViewportSize({ width: 380, height: 900 });
      await popup.goto(b.extUrl(`popup/popup.html?tab=${tabId}`));
      for (const q of ['みずほ', 'ミズホ', 'ﾐｽﾞﾎ', 'mizuho', 'ｍｉｚｕｈｏ', 'Mizuho Bank', 'みずほ銀行', 'mizuhobank']) {
        await popup.fill('#dir-search', q);
        const first = await popup.waitForSelector('#dir-results li');
        assert.equal(await first.getAttribute('data-brand-id'), 'mizuho_bank', `first result for "${q}"`);
        assert.match(await first.textContent(), /みずほ銀行/);
      }
      // Other scripts for other brands.
      for (const [q, id] of [['えむあいかーど', 'micard'], ['エムアイ', 'micard'], ['ゆうちょ', 'japanpost'], ['yucho', 'japanpost'],
        ['らくてんかーど', 'rakuten_card'], ['rakuten card', 'rakuten_card'], ['きょうと', 'kyoto_bank'], ['三井住友カード', 'smbc_card'],
        ['くろねこ', 'yamato'], ['にちぎん', 'boj'], ['そうむしょう', 'soumu']]) {
        await popup.fill('#dir-search', q);
        await until(async () => (await popup.evaluate(() => document.querySelector('#dir-results li')?.dataset.brandId)) === id,
          { what: `${id} first for "${q}"`, timeout: 3_000 });
      }
      await popup.fill('#dir-search', 'みずほ');
      await shot(popup, 'ja-popup-directory.png', { fullPage: true });
      const top = await newPageFrom(b, () => popup.click('#dir-results li[data-brand-id="mizuho_bank"] [data-open="top"]'), /^https:\/\/www\.mizuhobank\.co\.jp\/$/);
      await top.close();
    } finally {
      await popup.close().catch(() => {});
    }
    // Login page (MI Card has one in the KB).
    const p2 = await b.ctx.newPage();
    try {
      await p2.goto(b.extUrl(`popup/popup.html?tab=${tabId}`));
      await p2.fill('#dir-search', 'エムアイカード');
      await p2.waitForSelector('#dir-results li[data-brand-id="micard"] [data-open="login"]');
      const login = await newPageFrom(b, () => p2.click('#dir-results li[data-brand-id="micard"] [data-open="login"]'), /^https:\/\/www1\.micard\.co\.jp\/app\/login$/);
      await login.close();
    } finally {
      await p2.close().catch(() => {});
      await tab.close();
    }
  });

  it('directory: favourites can be pinned and are shown first, before any search', T, async () => {
    const tabId = await withPage(b, async (page) => {
      await page.goto(URLS.noFields);
      return tabIdOf(b, URLS.noFields);
    });
    await withPage(b, async (popup) => {
      await popup.goto(b.extUrl(`popup/popup.html?tab=${tabId}`));
      assert.equal((await popup.$$('#dir-results li')).length, 0, 'nothing pinned yet');
      for (const q of ['micard', 'みずほ']) {
        await popup.fill('#dir-search', q);
        const star = await popup.waitForSelector('#dir-results li:first-child [data-fav]');
        assert.equal(await star.getAttribute('aria-pressed'), 'false');
        await star.click();
        await popup.waitForSelector('#dir-results li:first-child [data-fav][aria-pressed="true"]');
      }
      assert.deepEqual(await b.sw.evaluate(async () => (await chrome.storage.local.get('favorites')).favorites), ['mizuho_bank', 'micard']);
      await popup.reload();
      await popup.waitForSelector('#dir-results li');
      assert.deepEqual(await popup.$$eval('#dir-results li', (l) => l.map((x) => x.dataset.brandId)), ['mizuho_bank', 'micard']);
      assert.match(await popup.textContent('#dir-count'), /固定したサイト/);
      // Unpin.
      await popup.click('#dir-results li[data-brand-id="micard"] [data-fav]');
      await until(async () => (await popup.$$('#dir-results li')).length === 1, { what: 'one pinned left' });
    });
  });
});
