/*
 * What every background module uses: the extension API (browser.* in Firefox, chrome.* in Chrome), the
 * verdict levels and their ranks, storage.session, and the URL and string helpers.
 */
export const api = globalThis.browser ?? globalThis.chrome;

export const LEVELS = ['none', 'safe', 'caution', 'danger'];
export const RANK = { none: 0, safe: 0, caution: 1, danger: 2 };

export const session = api.storage.session;

export function isHttp(u) {
  return typeof u === 'string' && /^https?:\/\//i.test(u);
}
export function originOf(u) {
  try {
    const x = new URL(u);
    return x.protocol === 'http:' || x.protocol === 'https:' ? x.origin : '';
  } catch {
    return '';
  }
}
export function hostOf(u) {
  try {
    return new URL(u).hostname;
  } catch {
    return '';
  }
}
export function httpUrl(u) {
  return isHttp(u) && u.length <= 2048 ? u : null;
}
/** The address a verdict judged: a redirector's destination or a proxied site (`destination`), else `url`. Its
 * origin is what trust and reports are about. */
export function judgedUrl(url, verdict) {
  return verdict && isHttp(verdict.destination) ? verdict.destination : url;
}
export const str = (s, n) => (typeof s === 'string' ? (s.length > n ? s.slice(0, n) : s) : '');

export function uiMsg(key, subs) {
  try {
    return api.i18n.getMessage(key, subs) || '';
  } catch {
    return '';
  }
}
