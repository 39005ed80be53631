/*
 * The document's state (content script part; see parts.txt): this document's id for the background, the
 * verdict it is under (sticky within the document), which fields a check has read (and what it read of each),
 * which are waiting, and the bookkeeping of the checks. Read and written by the checks, the input guard, the
 * notices and the links.
 */

const DOC_ID = Math.random().toString(36).slice(2, 10) + Date.now().toString(36);
const state = {
  level: null, // null = pending (no verdict yet); else 'none' | 'safe' | 'caution' | 'danger'
  verdict: null, // the verdict being shown (the most severe one for this document)
  trusted: false, // the user trusts this origin: never block, never warn
  failOpen: false, // the background says its engine failed: do not break the page
  dead: false, // the extension was reloaded or removed: this script is an orphan
  resetSticky: false, // the next verdict replaces the current one even if less severe (trust changed)
  // field -> what the answered check that read it saw of it (its fact, CSS-generated text included: fieldReading).
  // A field takes keys only while this is what it reads now (input-guard.js isCovered).
  readings: new WeakMap(),
  stale: new WeakSet(), // covered fields whose reading was last found changed (held until read again)
  kinds: new WeakMap(), // form control -> field kind (verdict.fields)
  snapshots: new WeakMap(), // blocked field -> value before the blocked input
  waiting: [], // [{el, seq}] fields held as pending: read first by the next checks until one has read them
  refocus: null, // {el, at}: field that lost focus only because it was held (an IME composition ended)
  // The page's changes the observer saw (text, elements, attributes, classes, styles), counted; a check reads the
  // page at some count, and answeredEpoch is the count the newest answered check read at.
  pageEpoch: 0,
  bodyEpoch: 0, // the count at the last change other than to the address or the document's title
  answeredEpoch: -1,
  answeredSeq: 0,
  answeredFacts: null, // the page facts the newest answered page check read; readFacts: the last page read's (at
  readFacts: null, // readEpoch), and readElements its fields (compared by checks.js looselySame)
  readElements: [],
  readEpoch: -1,
  inflight: null, // {key, seq, also: [read…]}: the page check sent and not answered yet
  retries: 0, // checks in a row that got no answer (retried with backoff: checks.js)
  retryTimer: 0,
  seq: 0,
  lastFp: '', // the facts last sent (JSON)
  lastResponse: null,
  lastResponseFp: '',
  lastHref: location.href,
  extractions: 0,
  lastCheckAt: -1e9,
  cost: 0, // moving average of an extraction, ms
  lastCost: 0, // the last extraction, ms (the first one of a renderer compiles the script: the average lags)
  startCost: null, // what this script took at document_start, ms (from shared/ui.js's first line; benchmarks)
  // The page facts (with their visible-text sample, which needs style and layout) are read after `load`, or
  // sooner when a blocked field asks: until then only the URL is checked, and every field is pending.
  textReady: false,
  noticeDismissed: false,
};
