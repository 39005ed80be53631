/*
 * Tabs the extension opens for the person: next to the tab they came from; a brand's official page (from the
 * knowledge base, never from a page).
 */
import { api } from './basics.js';
import { brandInfo } from './brands.js';

/** A new active tab with url, right of the opener when there is one (anywhere if that is refused: the opener may be
 * gone, or in a window that takes no tabs). Returns the new tab. */
export async function openTabNextTo(url, openerTab) {
  const props = { url, active: true };
  if (openerTab && typeof openerTab.index === 'number') {
    props.index = openerTab.index + 1;
    if (typeof openerTab.id === 'number') props.openerTabId = openerTab.id;
  }
  try {
    return await api.tabs.create(props);
  } catch {
    return api.tabs.create({ url, active: true });
  }
}

/** Opens a brand's official page (from the KB, never from a page) in a new tab next to the opener. */
export async function openOfficial(brand, which, openerTab) {
  const b = await brandInfo(brand);
  const url = b && (which === 'login' ? b.login || b.top : b.top);
  if (!url) throw new Error('unknown brand');
  await openTabNextTo(url, openerTab);
  return url;
}
