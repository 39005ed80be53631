// Benchmarks of the wasm engine under Node: cold start, step by step, in fresh processes (module compile,
// instantiate, `new Engine()`, the first URL-only checkPage that a content script sends at document_start, the
// first checkUrl, then the first checkPage with text and inputs, which builds the page vocabularies); checkUrl
// throughput over ../shared/data; checkPage time per page. Prints figures; asserts nothing.
//   node bench/wasm.mjs [DATA_DIR]     (OMAMORI_PKG=DIR: another wasm-bindgen output; OMAMORI_COLD_RUNS=N: 9)
// Goals (issue 7): worker start → first verdict ≤ 30 ms; checkUrl ≥ 100,000 URLs/s; checkPage p95 ≤ 1 ms
// typical, ≤ 20 ms huge.
import { readFileSync, existsSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { performance } from 'node:perf_hooks';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const self = fileURLToPath(import.meta.url);
const root = path.resolve(path.dirname(self), '..');
const pkg = path.resolve(process.env.OMAMORI_PKG ?? path.join(root, 'extension/pkg'));
if (!existsSync(path.join(pkg, 'omamori_bg.wasm'))) {
  console.error('extension/pkg is missing: run ./build.sh first');
  process.exit(1);
}
const { initSync, Engine } = await import(path.join(pkg, 'omamori.js'));
const bytes = readFileSync(path.join(pkg, 'omamori_bg.wasm'));
const urlOnly = { url: 'https://www.example.co.jp/', title: '', headings: [], image_alts: [], inputs: [] };
const withText = { url: 'https://secure-verify-center.com/card', title: 'エムアイカード | ご利用確認', inputs: [{ tag: 'input', type: 'tel', label: 'カード番号' }] };

// one cold start in this (fresh) process: the time of each step, in ms
function coldStart() {
  const steps = {};
  const step = (name, f) => {
    const t = performance.now();
    const r = f();
    steps[name] = performance.now() - t;
    return r;
  };
  const module = step('compile', () => new WebAssembly.Module(bytes));
  step('instantiate', () => initSync({ module }));
  const engine = step('new Engine()', () => new Engine());
  step('first URL-only checkPage', () => engine.checkPage(urlOnly));
  step('first checkUrl', () => engine.checkUrl('https://micard.co.jp.kwtqq.com/login'));
  steps['start → first verdicts'] = Object.values(steps).reduce((a, b) => a + b, 0);
  step('first checkPage with text (page vocabularies built)', () => engine.checkPage(withText));
  step('a second new Engine()', () => new Engine());
  return { steps, engine };
}

if (process.argv.includes('--cold-once')) {
  console.log(JSON.stringify(coldStart().steps));
  process.exit(0);
}

const runs = Number(process.env.OMAMORI_COLD_RUNS ?? 9);
const samples = [];
for (let i = 0; i < runs; i++) {
  const r = spawnSync(process.execPath, [self, '--cold-once'], { env: process.env, encoding: 'utf8' });
  if (r.status === 0) samples.push(JSON.parse(r.stdout.trim().split('\n').pop()));
}
console.log(`wasm module: ${(bytes.length / 1024).toFixed(0)} KiB`);
console.log(`cold start, ${samples.length} fresh processes (median / min, ms):`);
for (const name of Object.keys(samples[0] ?? {})) {
  const v = samples.map((s) => s[name]).sort((a, b) => a - b);
  console.log(`  ${name.padEnd(52)} ${v[Math.floor(v.length / 2)].toFixed(2).padStart(7)} / ${v[0].toFixed(2)}`);
}
const dataDir = process.argv[2] ?? path.resolve(root, '../shared/data');
const { engine } = coldStart();
let t;

function lines(file) {
  return gunzipSync(readFileSync(file)).toString('utf8').split('\n');
}
const urls = [];
const feed = path.join(dataDir, 'jpcert-phish-2019-2024.csv.gz');
const pop = path.join(dataDir, 'tranco-top50k.txt.gz');
if (existsSync(feed)) {
  for (const l of lines(feed).slice(1)) {
    const a = l.indexOf(','), b = l.lastIndexOf(',');
    if (a > 0 && b > a) urls.push(l.slice(a + 1, b));
  }
}
if (existsSync(pop)) for (const d of lines(pop)) if (d.trim()) urls.push(`https://${d.trim()}/`);
if (urls.length) {
  for (const u of urls.slice(0, 2000)) engine.checkUrl(u); // warm up
  t = performance.now();
  let danger = 0;
  for (const u of urls) if (engine.checkUrl(u).level === 'danger') danger++;
  const secs = (performance.now() - t) / 1000;
  console.log(`checkUrl: ${urls.length} URLs in ${secs.toFixed(2)} s = ${Math.round(urls.length / secs)} URLs/s (wasm, one core, result objects included; ${danger} danger)`);
} else {
  console.log(`checkUrl: no data at ${dataDir}`);
}

// checkPage on a typical phishing page and on a huge page (5,000 inputs, 1 MB of text)
const typical = {
  url: 'https://secure-verify-center.com/card', title: 'エムアイカード | ご利用確認',
  headings: ['ご利用確認のお願い'], image_alts: ['MI CARD'], footer_text: '© MI Card Co., Ltd.',
  text: 'お客様のカードに不正利用の可能性があります。24時間以内にご本人様確認を行ってください。'.repeat(20),
  inputs: [
    { tag: 'input', type: 'tel', name: 'cn', label: 'カード番号' },
    { tag: 'select', name: 'm', context: '有効期限' }, { tag: 'select', name: 'y', context: '有効期限' },
    { tag: 'input', type: 'tel', name: 'c', label: 'セキュリティコード' },
    { tag: 'input', type: 'password', name: 'p', label: '暗証番号' },
  ],
};
const huge = {
  ...typical,
  text: 'あ'.repeat(1_000_000),
  inputs: Array.from({ length: 5000 }, (_, i) => ({ tag: 'input', type: 'text', name: `f${i}`, label: `項目${i}`, context: 'x'.repeat(300) })),
};
for (const [name, facts, n] of [['typical page', typical, 2000], ['huge page (5,000 inputs, 1 MB text)', huge, 30]]) {
  const times = [];
  for (let i = 0; i < n; i++) {
    const s = performance.now();
    engine.checkPage(facts);
    times.push(performance.now() - s);
  }
  times.sort((a, b) => a - b);
  const q = (p) => times[Math.min(times.length - 1, Math.floor(p * times.length))].toFixed(3);
  console.log(`checkPage, ${name}: median ${q(0.5)} ms, p95 ${q(0.95)} ms (${n} runs)`);
}
