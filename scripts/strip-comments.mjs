#!/usr/bin/env node
// Takes the comments out of the extension's shipped JavaScript (dist/<browser>/**/*.js): what a person installs
// needs the code, and the source (extension/) keeps the comments. The code is tokenised by acorn, so nothing in a
// string, a template or a regular expression is touched; a comment becomes a space, or a line break when it held
// one (so that tokens stay apart and automatic semicolon insertion reads the code as before). Trailing spaces and
// runs of blank lines are then closed up.
//
//   node scripts/strip-comments.mjs DIR…     every .js file below each DIR, rewritten in place
//
// Fails (exit 1) when a file does not parse as a module or as a classic script.
import { readFileSync, writeFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as acorn from 'acorn';

/** src without its comments (see above); throws when src does not parse. */
export function stripComments(src) {
  const cuts = [];
  const opts = {
    ecmaVersion: 'latest',
    allowHashBang: true,
    onComment: (block, text, start, end) => cuts.push([start, end]),
  };
  try {
    acorn.parse(src, { ...opts, sourceType: 'module' });
  } catch {
    cuts.length = 0;
    acorn.parse(src, { ...opts, sourceType: 'script' });
  }
  let out = '';
  let at = 0;
  for (const [start, end] of cuts) {
    out += src.slice(at, start) + (/[\n\r\u2028\u2029]/.test(src.slice(start, end)) ? '\n' : ' ');
    at = end;
  }
  out += src.slice(at);
  return out.replace(/[ \t]+$/gm, '').replace(/\n{3,}/g, '\n\n').replace(/^\n+/, '');
}

function jsFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...jsFiles(p));
    else if (name.endsWith('.js') || name.endsWith('.mjs')) out.push(p);
  }
  return out;
}

function main(dirs) {
  if (!dirs.length) {
    console.error('usage: strip-comments.mjs DIR…');
    process.exit(2);
  }
  for (const dir of dirs) {
    for (const f of jsFiles(dir)) {
      try {
        writeFileSync(f, stripComments(readFileSync(f, 'utf8')));
      } catch (e) {
        console.error(`${f}: ${e.message}`);
        process.exit(1);
      }
    }
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main(process.argv.slice(2));
