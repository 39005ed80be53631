/*
 * Link classification: whether a link a content script found (its href, the domains its text shows) is held
 * before the click, and the hold the held-link card shows.
 */
import { isHttp, originOf, hostOf } from './basics.js';
import { cachedCheckUrl } from './engine.js';
import { shellReason } from './reasons.js';
import { sameOrganisation, officialFor } from './brands.js';
import { listsReady, isTrusted } from './lists.js';

/*
 * Deceptive links (before the click). A link is HELD when
 *   - its text, title or aria-label shows a domain that is official for a brand in the KB, and its href goes
 *     neither to the same registrable domain nor to another official domain of the same brand or brand group
 *     ("text-mismatch"; the brands' own redirect/click-tracking domains are official domains in the KB), or
 *   - its href itself is a `danger` URL (a lookalike of a brand) ("lookalike").
 * A link to an origin the person trusts is never held.
 */
export async function classifyLink(href, shown) {
  if (!isHttp(href) || href.length > 4096) return null;
  await listsReady;
  if (isTrusted(originOf(href))) return null;
  const hv = await cachedCheckUrl(href);
  const hrd = hv.registrable_domain || hostOf(href);
  for (const d of (Array.isArray(shown) ? shown : []).slice(0, 5)) {
    if (typeof d !== 'string' || !/^[a-z0-9.-]{3,253}$/.test(d)) continue;
    const sv = await cachedCheckUrl(`https://${d}/`);
    if (sv.level !== 'safe' || !sv.brand) continue;
    if ((sv.registrable_domain && sv.registrable_domain === hrd)
      || (hv.level === 'safe' && await sameOrganisation(hv.brand, sv.brand))) continue;
    const name = sv.brand_name || {};
    const dest = hv.host || hostOf(href);
    const reasons = [await shellReason('link-text-mismatch', 'danger', 'link_reason_mismatch',
      [d, name.ja || '', dest], [d, name.en || name.ja || '', dest])];
    reasons.push(...hv.reasons);
    return linkHold('text-mismatch', href, d, { ...hv, brand: sv.brand, brand_name: sv.brand_name }, reasons);
  }
  if (hv.level === 'danger') return linkHold('lookalike', href, null, hv, hv.reasons);
  return null;
}

async function linkHold(kind, href, shown, v, reasons) {
  const official = await officialFor(v);
  return {
    kind, href, shown, level: 'danger', brand: v.brand || null, brand_name: v.brand_name || null,
    host: v.host || hostOf(href), registrable_domain: v.registrable_domain || null,
    reasons: reasons.slice(0, 8), go_instead: official ? { top: official.top, login: official.login, phones: [] } : null,
  };
}
