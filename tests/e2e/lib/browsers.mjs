// Launches the browsers the e2e tests drive, with the BUILT extension (dist/chrome, dist/firefox) loaded.
// Debian's browsers only (/usr/bin/chromium, /usr/bin/firefox-esr); nothing is downloaded. Every launch gets a
// fresh temp profile, removed on close. All traffic goes to the loopback fixture server.
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFixtureServer } from './server.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
// OMAMORI_E2E_DIST points the tests at another dist/ (for work on the harness itself).
export const DIST = path.resolve(process.env.OMAMORI_E2E_DIST ?? path.join(ROOT, 'dist'));
export const DIST_CHROME = path.join(DIST, 'chrome');
export const DIST_FIREFOX = path.join(DIST, 'firefox');
export const OUT_DIR = path.join(ROOT, 'tests/e2e/out');
export const CHROMIUM = process.env.OMAMORI_CHROMIUM ?? '/usr/bin/chromium';
export const FIREFOX = process.env.OMAMORI_FIREFOX ?? '/usr/bin/firefox-esr';
// The browsers' UI language, which the extension's messages follow (ja: the people Omamori is for).
// OMAMORI_E2E_LANG=en runs the same tests with the English UI.
export const UI_LANG = process.env.OMAMORI_E2E_LANG ?? 'ja';

/** Rejects after ms with a clear message (bounds every browser step). */
export function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, ko) => { timer = setTimeout(() => ko(new Error(`timed out after ${ms} ms: ${what}`)), ms); }),
  ]).finally(() => clearTimeout(timer));
}

function requireBuilt(dir) {
  if (!existsSync(path.join(dir, 'manifest.json'))) {
    throw new Error(`${dir}/manifest.json is missing: run ./build.sh first`);
  }
}

/**
 * Chromium (playwright-core) with dist/chrome loaded, every hostname mapped to the fixture server.
 * lang: the browser's UI language, which chrome.i18n follows (default OMAMORI_E2E_LANG, else ja). timezone: the
 * browser's own time zone (its process's TZ: extension pages follow it too), e.g. 'America/New_York'.
 * @returns {Promise<{ctx: import('playwright-core').BrowserContext, sw: import('playwright-core').Worker,
 *   extId: string, extUrl: (p: string) => string, close: () => Promise<void>}>}
 */
export async function launchChromium(server, { extDir = DIST_CHROME, lang = UI_LANG, colorScheme = 'light', timezone = null } = {}) {
  requireBuilt(extDir);
  const { chromium } = await import('playwright-core');
  const userDir = mkdtempSync(path.join(tmpdir(), 'omamori-e2e-chromium-'));
  let ctx;
  try {
    ctx = await chromium.launchPersistentContext(userDir, {
      executablePath: CHROMIUM,
      headless: true,
      timeout: 60_000,
      locale: lang === 'ja' ? 'ja-JP' : 'en-US',
      colorScheme,
      viewport: { width: 1100, height: 900 },
      ignoreHTTPSErrors: true,
      // Chromium on Linux takes its UI language (and so chrome.i18n's) from the environment, not from --lang.
      env: { ...process.env, LANGUAGE: lang, LANG: 'C.UTF-8', ...(timezone ? { TZ: timezone } : {}) },
      args: [
        '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
        '--disable-default-apps', '--disable-domain-reliability', '--no-pings', `--lang=${lang}`,
        '--disable-client-side-phishing-detection', '--no-default-browser-check', '--password-store=basic',
        '--disable-features=AutofillServerCommunication,OptimizationHints,Translate,MediaRouter,DialMediaRouteProvider',
        `--host-resolver-rules=MAP * 127.0.0.1:${server.port}`,
        '--ignore-certificate-errors',
        `--disable-extensions-except=${extDir}`,
        `--load-extension=${extDir}`,
      ],
    });
    let sw = ctx.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://'));
    if (!sw) {
      sw = await ctx.waitForEvent('serviceworker', {
        predicate: (w) => w.url().startsWith('chrome-extension://'),
        timeout: 20_000,
      });
    }
    // The worker exists before its modules have run: a navigation in that gap, just after the install, is seen
    // by no listener. Tests start once the worker's listeners are there and its engine is loaded.
    await withTimeout(sw.evaluate(async () => {
      while (!globalThis.omamori) await new Promise((r) => setTimeout(r, 20));
      await globalThis.omamori.engineReady;
      return true;
    }), 20_000, 'the extension\'s service worker starting');
    const extId = new URL(sw.url()).host;
    let closed = false;
    return {
      ctx,
      sw,
      extId,
      extUrl: (p) => `chrome-extension://${extId}/${p.replace(/^\//, '')}`,
      async close() {
        if (closed) return;
        closed = true;
        await withTimeout(ctx.close(), 20_000, 'closing Chromium').catch(() => {});
        rmSync(userDir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    if (ctx) await ctx.close().catch(() => {});
    rmSync(userDir, { recursive: true, force: true });
    throw e;
  }
}

/**
 * Firefox ESR (puppeteer-core, WebDriver BiDi) with dist/firefox installed as a temporary add-on. Firefox has
 * no host-resolver-rules: it is sent through the fixture server's HTTP proxy, which tunnels CONNECT for the
 * fixture hostnames to the HTTPS fixture server and refuses every other host.
 */
export async function launchFirefox(server, { extDir = DIST_FIREFOX } = {}) {
  requireBuilt(extDir);
  const { default: puppeteer } = await import('puppeteer-core');
  const userDir = mkdtempSync(path.join(tmpdir(), 'omamori-e2e-firefox-'));
  let browser;
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX,
      headless: true,
      userDataDir: userDir,
      acceptInsecureCerts: true,
      timeout: 60_000,
      protocolTimeout: 60_000,
      defaultViewport: { width: 1100, height: 900 },
      extraPrefsFirefox: {
        'network.proxy.type': 1,
        'network.proxy.http': '127.0.0.1',
        'network.proxy.http_port': server.proxyPort,
        'network.proxy.ssl': '127.0.0.1',
        'network.proxy.ssl_port': server.proxyPort,
        'network.proxy.share_proxy_settings': false,
        'network.proxy.no_proxies_on': '',
        'network.proxy.allow_hijacking_localhost': true,
        'network.proxy.socks_remote_dns': true,
        'network.trr.mode': 5,
        'network.dns.disablePrefetch': true,
        'network.prefetch-next': false,
        'network.http.speculative-parallel-limit': 0,
        'network.captive-portal-service.enabled': false,
        'network.connectivity-service.enabled': false,
        'browser.safebrowsing.provider.mozilla.updateURL': '',
        'extensions.update.enabled': false,
        'extensions.getAddons.cache.enabled': false,
        'app.update.enabled': false,
        'datareporting.policy.dataSubmissionEnabled': false,
        'toolkit.telemetry.enabled': false,
        'intl.accept_languages': UI_LANG === 'ja' ? 'ja,en' : 'en-US,en',
        // Needs Debian's firefox-esr-l10n-ja (scripts/install-test-deps.sh); without it Firefox stays en-US.
        'intl.locale.requested': UI_LANG === 'ja' ? 'ja,en-US' : 'en-US',
        // The add-on's pages may be opened by tests; let tests see console errors.
        'devtools.console.stdout.content': true,
      },
    });
    const extId = await withTimeout(browser.installExtension(extDir), 30_000, 'installing the Firefox add-on');
    let closed = false;
    return {
      browser,
      extId,
      async close() {
        if (closed) return;
        closed = true;
        await withTimeout(browser.close(), 20_000, 'closing Firefox').catch(() => {
          try { browser.process()?.kill('SIGKILL'); } catch { /* already gone */ }
        });
        rmSync(userDir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    if (browser) {
      await withTimeout(browser.close(), 10_000, 'closing Firefox').catch(() => {
        try { browser.process()?.kill('SIGKILL'); } catch { /* already gone */ }
      });
    }
    rmSync(userDir, { recursive: true, force: true });
    throw e;
  }
}

/**
 * The fixture server and a browser with the built extension, for a test file's hooks:
 *   before(async () => ({ server, b } = await openBrowser(launchChromium, { lang: 'en' })));
 *   after(() => closeBrowser(b, server));
 * `sites` goes to the fixture server, `timeout` bounds the launch, the rest goes to the launcher.
 */
export async function openBrowser(launch, { sites, timeout = 60_000, ...opts } = {}) {
  const server = await startFixtureServer(sites ? { sites } : undefined);
  try {
    const b = await withTimeout(launch(server, opts), timeout, `${launch.name} with the built extension`);
    return { server, b };
  } catch (e) {
    await server.close();
    throw e;
  }
}

/** Closes what openBrowser opened (either may be missing when its start failed). */
export async function closeBrowser(b, server) {
  await b?.close();
  await server?.close();
}
