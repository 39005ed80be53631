// Benchmarks of the wasm engine under Node: cold start (module compile + `new Engine()`: knowledge base and
// public suffix list parsed), checkUrl throughput over ../shared/data, checkPage time per page.
// Prints figures; asserts nothing.   node bench/wasm.mjs [DATA_DIR]     (OMAMORI_PKG=DIR: another wasm-bindgen output)
// Goals (issue 7): checkUrl ≥ 100,000 URLs/s; checkPage p95 ≤ 1 ms typical, ≤ 20 ms huge.
import { readFileSync, existsSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = path.resolve(process.env.OMAMORI_PKG ?? path.join(root, 'extension/pkg'));
if (!existsSync(path.join(pkg, 'omamori_bg.wasm'))) {
  console.error('extension/pkg is missing: run ./build.sh first');
  process.exit(1);
}
const dataDir = process.argv[2] ?? path.resolve(root, '../shared/data');
const { initSync, Engine } = await import(path.join(pkg, 'omamori.js'));

const bytes = readFileSync(path.join(pkg, 'omamori_bg.wasm'));
let t = performance.now();
const module = new WebAssembly.Module(bytes);
const tCompile = performance.now() - t;
t = performance.now();
initSync({ module });
const tInstantiate = performance.now() - t;
t = performance.now();
const engine = new Engine();
const tEngine = performance.now() - t;
console.log(`wasm module: ${(bytes.length / 1024).toFixed(0)} KiB`);
console.log(`cold start: compile ${tCompile.toFixed(1)} ms + instantiate ${tInstantiate.toFixed(1)} ms + new Engine() ${tEngine.toFixed(1)} ms (knowledge base + suffix list) = ${(tCompile + tInstantiate + tEngine).toFixed(1)} ms`);
// the first checks run cold code (V8 compiles wasm functions lazily, then tiers them up)
t = performance.now();
engine.checkUrl('https://micard.co.jp.kwtqq.com/login');
const tFirstUrl = performance.now() - t;
t = performance.now();
engine.checkPage({ url: 'https://secure-verify-center.com/card', title: 'エムアイカード | ご利用確認', inputs: [{ tag: 'input', type: 'tel', label: 'カード番号' }] });
const tFirstPage = performance.now() - t;
console.log(`first checkUrl ${tFirstUrl.toFixed(1)} ms, first checkPage ${tFirstPage.toFixed(1)} ms (name automaton built, cold code): instantiate → first page verdict ${(tCompile + tInstantiate + tEngine + tFirstUrl + tFirstPage).toFixed(1)} ms`);
t = performance.now();
new Engine();
console.log(`a second new Engine(): ${(performance.now() - t).toFixed(1)} ms`);

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
