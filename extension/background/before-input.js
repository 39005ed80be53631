/*
 * No typed value in a report (extension/README.md, "The report flow"): for each origin of a tab, the address it had
 * at the person's first input into one of the tab's documents (`first-input`) is the last address of that origin the
 * tab records (frames.js, storage.session) or reports, whatever the page moves to afterwards (replaceState,
 * pushState, a later page of the same site). Kept until the tab closes; at most MAX_ORIGINS origins a tab.
 */
import { originOf } from './basics.js';

const MAX_ORIGINS = 64;

/** The person's first input into a document of `origin` in tab record `t`, whose address was `url` (another origin's
 * counts as the origin alone). An origin's first one stays. Returns whether it was new. */
export function noteFirstInput(t, origin, url) {
  if (!origin) return false;
  if (!t.inputs || typeof t.inputs !== 'object') t.inputs = {};
  if (Object.prototype.hasOwnProperty.call(t.inputs, origin)) return false;
  const keys = Object.keys(t.inputs);
  if (keys.length >= MAX_ORIGINS) delete t.inputs[keys[0]];
  t.inputs[origin] = sameOrigin(url, origin) ? url : origin + '/';
  return true;
}

/** The address to record or report for `url` in tab record `t`: its origin's address at the first input, or `url`. */
export function addressBeforeInput(t, url) {
  const origin = originOf(url);
  if (!origin || !t || !t.inputs || !Object.prototype.hasOwnProperty.call(t.inputs, origin)) return url;
  return t.inputs[origin];
}

const sameOrigin = (url, origin) => typeof url === 'string' && url.length <= 8192 && originOf(url) === origin;
