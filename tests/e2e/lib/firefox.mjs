// Firefox helpers shared by the Firefox test files (puppeteer-core, WebDriver BiDi).

/** A fresh tab of the Firefox `b` (lib/browsers.mjs launchFirefox); always closed. */
export async function withFirefoxPage(b, fn) {
  const page = await b.browser.newPage();
  page.setDefaultTimeout(15_000);
  page.setDefaultNavigationTimeout(20_000);
  try {
    return await fn(page);
  } finally {
    await page.close().catch(() => {});
  }
}
