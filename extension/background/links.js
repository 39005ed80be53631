/*
 * Link classification: whether a link a content script found (its href, the domains its text shows) is held
 * before the click, and the hold the held-link card shows.
 */
import { isHttp, originOf, hostOf, judgedUrl } from './basics.js';
import { cachedCheckUrl } from './engine.js';
import { shellReason } from './reasons.js';
import { sameOrganisation, officialFor } from './brands.js';
import { listsReady, isTrusted } from './lists.js';

/*
 * Deceptive links (before the click), judged where they really lead (the engine follows official redirectors and
 * proxies: the verdict is the destination's). A link is HELD when
 *   - its text, title or aria-label shows a domain that is official for a brand in the KB, and its destination is
 *     neither on the same registrable domain nor on another official domain of the same brand or brand group
 *     ("text-mismatch"; the brands' own redirect domains are official in the KB). A platform's space for others'
 *     content (a Google Form) is nobody's official domain: there only the very host shown passes ("docs.google.com"
 *     over a form on docs.google.com; "accounts.google.com" or "www.smbc-card.com" over it is held), or
 *   - its destination is `danger` ("lookalike").
 * A link whose destination is a trusted origin is never held.
 */
export async function classifyLink(href, shown) {
  if (!isHttp(href) || href.length > 4096) return null;
  await listsReady;
  const hv = await cachedCheckUrl(href);
  const dest = judgedUrl(href, hv);
  if (isTrusted(originOf(dest))) return null;
  const destHost = hv.host || hostOf(dest);
  const hrd = hv.registrable_domain || destHost;
  for (const d of (Array.isArray(shown) ? shown : []).slice(0, 5)) {
    if (typeof d !== 'string' || !/^[a-z0-9.-]{3,253}$/.test(d)) continue;
    const sv = await cachedCheckUrl(`https://${d}/`);
    if (sv.level !== 'safe' || !sv.brand) continue;
    if (hv.user_content ? sameHost(d, destHost, dest)
      : (sv.registrable_domain && sv.registrable_domain === hrd) || (hv.level === 'safe' && await sameOrganisation(hv.brand, sv.brand))) continue;
    const name = sv.brand_name || {};
    const reasons = [await shellReason('link-text-mismatch', 'danger', 'link_reason_mismatch',
      [d, name.ja || '', destHost], [d, name.en || name.ja || '', destHost])];
    reasons.push(...hv.reasons);
    return linkHold('text-mismatch', href, d, { ...hv, brand: sv.brand, brand_name: sv.brand_name }, reasons);
  }
  if (hv.level === 'danger') return linkHold('lookalike', href, null, hv, hv.reasons);
  return null;
}

/** The domain a link's text shows is the host it goes to (Unicode or punycode, a trailing dot aside). */
function sameHost(shown, host, url) {
  const bare = (x) => String(x || '').toLowerCase().replace(/\.$/, '');
  return [bare(host), bare(hostOf(url))].includes(bare(shown));
}

async function linkHold(kind, href, shown, v, reasons) {
  const official = await officialFor(v);
  return {
    kind, href, shown, level: 'danger', brand: v.brand || null, brand_name: v.brand_name || null,
    host: v.host || hostOf(href), registrable_domain: v.registrable_domain || null,
    reasons: reasons.slice(0, 8), go_instead: official ? { top: official.top, login: official.login, phones: [] } : null,
    // how the link gets there (the card says it: OmamoriUI.routeFacts) and where it really leads
    via: Array.isArray(v.via) ? v.via : [], destination: v.destination || null, user_content: !!v.user_content,
    platform: v.platform || null,
  };
}
