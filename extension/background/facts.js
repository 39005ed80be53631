/*
 * Facts sanitising: the page facts a content script sent, copied with the types and sizes docs/engine-api.md
 * gives (a content script runs in a page that may be hostile).
 */
import { isHttp, str } from './basics.js';

/** Defensive copy of the page facts: types and sizes as docs/engine-api.md says. */
export function sanitizeFacts(raw, sender) {
  const f = raw && typeof raw === 'object' ? raw : {};
  const arr = (a, n, m) => (Array.isArray(a) ? a.slice(0, n).filter((x) => typeof x === 'string').map((x) => str(x, m)) : []);
  const out = {
    url: isHttp(f.url) ? str(f.url, 8192) : (typeof f.url === 'string' ? str(f.url, 8192) : sender.url || ''),
    top_url: sender.frameId === 0 ? null : (sender.tab && sender.tab.url) || (typeof f.top_url === 'string' ? str(f.top_url, 8192) : null),
    is_top: sender.frameId === 0,
    title: str(f.title, 300),
    site_name: str(f.site_name, 200),
    headings: arr(f.headings, 20, 200),
    image_alts: arr(f.image_alts, 30, 200),
    footer_text: str(f.footer_text, 1000),
    text: str(f.text, 4000),
    form_actions: arr(f.form_actions, 20, 2048),
    resource_urls: arr(f.resource_urls, 50, 2048),
    logos: arr(f.logos, 30, 300),
    favicon: isHttp(f.favicon) ? str(f.favicon, 2048) : '',
    buttons: arr(f.buttons, 20, 100),
    top_claim: null, // set by the check handler from the tab's own top-frame verdict, never from the content script
    inputs: [],
  };
  if (Array.isArray(f.inputs)) {
    for (const i of f.inputs.slice(0, 500)) {
      if (!i || typeof i !== 'object') continue;
      const o = {};
      for (const k of ['tag', 'type', 'name', 'id', 'autocomplete', 'inputmode', 'placeholder', 'aria_label', 'label', 'context', 'form_action']) {
        o[k] = str(i[k], k === 'form_action' ? 2048 : 200);
      }
      if (Number.isInteger(i.maxlength) && i.maxlength >= 0 && i.maxlength <= 100000) o.maxlength = i.maxlength;
      out.inputs.push(o);
    }
  }
  return out;
}
