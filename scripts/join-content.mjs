#!/usr/bin/env node
// Joins the content script's parts (extension/content/parts.txt, in that order) into ONE classic script inside
// ONE closure: what the manifest names as content/content.js in dist/<browser>/. Every part is a sequence of
// top-level declarations of one idea; they share the closure's scope. Nothing is rewritten: the output is the
// parts' text, each under a line naming its file.
//
//   node scripts/join-content.mjs OUT_FILE [PARTS_DIR]      (PARTS_DIR: extension/content)
//
// Fails (exit 1) when parts.txt names a missing file, names one twice, or a .js file in PARTS_DIR is not named
// (it would silently not ship).
import { readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const PARTS_DIR = path.join(ROOT, 'extension', 'content');

/** The part files named by DIR/parts.txt, in order (first word of each line; `#` starts a comment). */
export function contentParts(dir = PARTS_DIR) {
  const list = readFileSync(path.join(dir, 'parts.txt'), 'utf8').split('\n')
    .map((l) => l.replace(/#.*/, '').trim().split(/\s+/)[0])
    .filter(Boolean);
  const problems = [];
  const seen = new Set();
  for (const f of list) {
    if (!/^[a-z0-9-]+\.js$/.test(f)) problems.push(`${f}: not a part file name`);
    else if (seen.has(f)) problems.push(`${f}: named twice`);
    else if (!existsSync(path.join(dir, f))) problems.push(`${f}: missing`);
    seen.add(f);
  }
  for (const f of readdirSync(dir)) {
    if (f.endsWith('.js') && !seen.has(f)) problems.push(`${f}: not in parts.txt`);
  }
  if (problems.length) throw new Error(`${path.join(dir, 'parts.txt')}: ${problems.join('; ')}`);
  return list;
}

/** The joined script. */
export function joinContent(dir = PARTS_DIR) {
  const out = [
    '/* Omamori content script, joined by scripts/join-content.mjs from the parts in extension/content/',
    ' * (parts.txt order): edit those, not this file. */',
    '(() => {',
    "'use strict';",
  ];
  for (const f of contentParts(dir)) {
    const text = readFileSync(path.join(dir, f), 'utf8');
    out.push('', `// ======== content/${f}`, text.endsWith('\n') ? text.slice(0, -1) : text);
  }
  out.push('})();', '');
  return out.join('\n');
}

function main(argv) {
  const [outFile, dir = PARTS_DIR] = argv;
  if (!outFile) {
    console.error('usage: join-content.mjs OUT_FILE [PARTS_DIR]');
    process.exit(2);
  }
  try {
    writeFileSync(outFile, joinContent(path.resolve(dir)));
  } catch (e) {
    console.error(`join-content: ${e.message}`);
    process.exit(1);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2));
}
