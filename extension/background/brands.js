/*
 * The knowledge base's brands as the shell uses them: the directory (brands()), brand groups (two brands of
 * one organisation), and where to go instead of a page pretending to be a brand (officialFor).
 */
import { httpUrl } from './basics.js';
import { engineReady, plain } from './engine.js';

/** The knowledge base's public view of the brands (directory), computed once. */
let brandList = null;
export async function brands() {
  if (brandList) return brandList;
  const e = await engineReady;
  brandList = (plain(e.brands()) || []).map((b) => ({
    id: String(b.id || ''), name_ja: b.name_ja || '', name_en: b.name_en || '', category: b.category || '',
    names: Array.isArray(b.names) ? b.names.map(String) : [],
    weak_names: Array.isArray(b.weak_names) ? b.weak_names.map(String) : [],
    aliases: Array.isArray(b.aliases) ? b.aliases.map(String) : [], // readings and romaji, for the directory only
    domains: Array.isArray(b.domains) ? b.domains.map(String) : [],
    top: httpUrl(b.top), login: httpUrl(b.login),
    parent: typeof b.parent === 'string' && b.parent ? b.parent : null, // brand group (smbc_card → smbc_group)
  })).filter((b) => b.id);
  return brandList;
}

/** The top of a brand's group (its parent's parent…), or the brand itself. */
async function groupOf(id) {
  const list = await brands();
  let cur = id;
  for (let i = 0; i < 5; i++) {
    const b = list.find((x) => x.id === cur);
    if (!b || !b.parent) break;
    cur = b.parent;
  }
  return cur;
}

/** Two brands of one organisation: the same brand, or brands of the same group (三井住友カード and 三井住友銀行). */
export async function sameOrganisation(a, b) {
  if (!a || !b) return false;
  return a === b || (await groupOf(a)) === (await groupOf(b));
}
export async function brandInfo(id) {
  if (typeof id !== 'string' || !id) return null;
  return (await brands()).find((b) => b.id === id) || null;
}

/** Where to go instead of a page pretending to be `brand`: the verdict's go_instead, else the KB. */
export async function officialFor(v) {
  const gi = (v && v.go_instead) || {};
  const b = await brandInfo(v && v.brand);
  const top = httpUrl(gi.top) || (b && b.top) || null;
  if (!top) return null;
  return {
    brand: (v && v.brand) || null,
    brand_name: (v && v.brand_name) || (b ? { ja: b.name_ja, en: b.name_en } : null),
    top, login: httpUrl(gi.login) || (b && b.login) || null, phishing_info: httpUrl(gi.phishing_info),
    phones: Array.isArray(gi.phones) ? gi.phones.slice(0, 6) : [],
  };
}
