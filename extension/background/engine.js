/*
 * The engine host: ONE wasm Engine (the Rust core, ../pkg) for the worker's life, compiled while it streams in,
 * started when this module is first evaluated and awaited by whoever needs it; its verdicts as plain JSON-safe
 * objects (normVerdict); URL verdicts cached; the worker's start-up milestones (mark).
 */
import init, { Engine } from '../pkg/omamori.js';
import { LEVELS, hostOf } from './basics.js';

// Started at top level, awaited by every handler. (A top-level `await` is not allowed in a service worker
// module, and the listeners below must be registered synchronously so that events wake the worker.)
let engine = null;
export let engineError = null;
/** Start-up milestones on the worker's timeline (bench/extension-cost.mjs reads them; a mark costs nothing):
 * script, wasm-compiled, wasm-instantiated, engine-ready, first-event (the first event of any listener below),
 * first-verdict. */
const marked = new Set();
export function mark(name) {
  if (marked.has(name)) return;
  marked.add(name);
  try {
    performance.mark(name);
  } catch { /* ignore */ }
}
mark('omamori:script');
/** The wasm module, compiled while it streams in (what wasm-bindgen's init does, with a milestone between). */
async function compileEngine() {
  const url = new URL('../pkg/omamori_bg.wasm', import.meta.url);
  try {
    return await WebAssembly.compileStreaming(fetch(url));
  } catch {
    // (a browser that does not give extension files the application/wasm type)
    return WebAssembly.compile(await (await fetch(url)).arrayBuffer());
  }
}
export const engineReady = (async () => {
  const module = await compileEngine();
  mark('omamori:wasm-compiled');
  await init({ module_or_path: module });
  mark('omamori:wasm-instantiated');
  engine = new Engine();
  mark('omamori:engine-ready');
  return engine;
})();
engineReady.catch((e) => {
  engineError = e;
  console.error('Omamori: the engine failed to load', e);
});

/** Engine results as plain, JSON-safe objects (serde-wasm-bindgen may give undefined or Maps). */
export function plain(x, depth = 0) {
  if (depth > 8) return null;
  if (x === undefined || x === null) return null;
  if (x instanceof Map) {
    const o = {};
    for (const [k, v] of x) o[String(k)] = plain(v, depth + 1);
    return o;
  }
  if (Array.isArray(x)) return x.map((v) => plain(v, depth + 1));
  if (typeof x === 'object') {
    const o = {};
    for (const [k, v] of Object.entries(x)) o[k] = plain(v, depth + 1);
    return o;
  }
  if (typeof x === 'bigint') return Number(x);
  return x;
}

function normVerdict(raw, url) {
  const v = plain(raw) || {};
  if (!LEVELS.includes(v.level)) v.level = 'none';
  v.brand = v.brand || null;
  v.brand_name = v.brand_name || null;
  v.host = v.host || hostOf(url) || '';
  v.registrable_domain = v.registrable_domain || null;
  v.reasons = Array.isArray(v.reasons) ? v.reasons : [];
  v.go_instead = v.go_instead || null;
  v.fields = Array.isArray(v.fields) ? v.fields : [];
  v.url_block = !!v.url_block;
  return v;
}

export async function checkUrl(url) {
  const e = await engineReady;
  const v = normVerdict(e.checkUrl(url), url);
  mark('omamori:first-verdict');
  return v;
}

export async function checkPage(facts) {
  const e = await engineReady;
  const v = normVerdict(e.checkPage(facts), facts.url);
  mark('omamori:first-verdict');
  return v;
}

// URL verdicts are pure functions of the URL: links of a page (and the same link seen again) are checked once.
const urlCache = new Map();
export async function cachedCheckUrl(url) {
  if (urlCache.has(url)) return urlCache.get(url);
  const v = await checkUrl(url);
  urlCache.set(url, v);
  if (urlCache.size > 3000) urlCache.delete(urlCache.keys().next().value);
  return v;
}
