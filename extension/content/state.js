/*
 * The document's state (content script part; see parts.txt): this document's id for the background, the
 * verdict it is under (sticky within the document), which fields a check has covered, which are waiting, and
 * the bookkeeping of the checks. Read and written by the checks, the input guard, the notices and the links.
 */

const DOC_ID = Math.random().toString(36).slice(2, 10) + Date.now().toString(36);
const state = {
  level: null, // null = pending (no verdict yet); else 'none' | 'safe' | 'caution' | 'danger'
  verdict: null, // the verdict being shown (the most severe one for this document)
  trusted: false, // the user trusts this origin: never block, never warn
  failOpen: false, // the background could not answer: do not break the page
  dead: false, // the extension was reloaded or removed: this script is an orphan
  resetSticky: false, // the next verdict replaces the current one even if less severe (trust changed)
  checked: new WeakSet(), // form controls covered by a verdict
  kinds: new WeakMap(), // form control -> field kind (verdict.fields)
  snapshots: new WeakMap(), // blocked field -> value before the blocked input
  waiting: [], // [{el, seq}] fields blocked as pending, covered once a check issued after them answers
  refocus: null, // {el, at}: field that lost focus only because it was pending
  seq: 0,
  lastFp: '',
  lastElements: [],
  lastResponse: null,
  lastResponseFp: '',
  lastHref: location.href,
  extractions: 0,
  lastCheckAt: -1e9,
  cost: 0, // moving average of an extraction, ms
  startCost: null, // what this script took at document_start, ms (from shared/ui.js's first line; benchmarks)
  // The page facts (with their visible-text sample, which needs style and layout) are read after `load`, or
  // sooner when a blocked field asks: until then only the URL is checked, and every field is pending.
  textReady: false,
  noticeDismissed: false,
};
