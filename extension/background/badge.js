/*
 * The toolbar badge: the tab's level (`!` danger, `?` caution, `✓` official site) and its title.
 */
import { api, uiMsg } from './basics.js';
import { getTab, effectiveLevel, worstFrame } from './frames.js';

export async function updateBadge(tabId, override) {
  let level = 'none';
  let top = null;
  if (override) {
    level = override;
  } else {
    const t = await getTab(tabId);
    const w = worstFrame(t);
    top = t.frames['0'] || null;
    if (w && w.r > 0) level = effectiveLevel(w.f);
    // (someone's page on a platform's official host is never shown as official: user_content)
    else if (top && !top.trusted && top.verdict.level === 'safe' && !top.verdict.user_content) level = 'safe';
  }
  const look = {
    danger: { text: '!', bg: '#c5221f', fg: '#ffffff', title: 'badge_title_danger' },
    caution: { text: '?', bg: '#f9ab00', fg: '#000000', title: 'badge_title_caution' },
    safe: { text: '✓', bg: '#188038', fg: '#ffffff', title: 'badge_title_safe' },
    none: { text: '', bg: '#5f6368', fg: '#ffffff', title: 'actionTitle' },
  }[level];
  try {
    await api.action.setBadgeText({ tabId, text: look.text });
    if (look.text) {
      await api.action.setBadgeBackgroundColor({ tabId, color: look.bg });
      if (api.action.setBadgeTextColor) await api.action.setBadgeTextColor({ tabId, color: look.fg });
    }
    let title = uiMsg(look.title);
    if (level === 'safe' && top && top.verdict.brand_name) {
      title = uiMsg('badge_title_safe_brand', pickName(top.verdict.brand_name)) || title;
    }
    await api.action.setTitle({ tabId, title: title || 'Omamori' });
  } catch {
    // The tab may be gone.
  }
}

function pickName(o) {
  if (!o) return '';
  const lang = uiMsg('lang') === 'en' ? 'en' : 'ja';
  return o[lang] || o.ja || o.en || '';
}
