// Checks on the BUILT packages before any browser starts: per-browser manifests, every file they name, the
// zips, and the wasm core in dist/ (after wasm-bindgen and wasm-opt) instantiating and answering in Node.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import vm from 'node:vm';
import { DIST, DIST_CHROME, DIST_FIREFOX } from './lib/browsers.mjs';
import { URLS } from './lib/sites.mjs';
import { joinContent, contentParts, PARTS_DIR } from '../../scripts/join-content.mjs';
import { stripComments } from '../../scripts/strip-comments.mjs';

const manifestOf = (dir) => JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));

/** Every extension file a manifest names. */
function filesNamed(m) {
  const out = [];
  const add = (p) => { if (typeof p === 'string' && p && !/^https?:/.test(p)) out.push(p.split(/[?#]/)[0]); };
  if (m.background) {
    add(m.background.service_worker);
    (m.background.scripts ?? []).forEach(add);
    add(m.background.page);
  }
  for (const cs of m.content_scripts ?? []) { (cs.js ?? []).forEach(add); (cs.css ?? []).forEach(add); }
  Object.values(m.icons ?? {}).forEach(add);
  if (m.action) {
    add(m.action.default_popup);
    const di = m.action.default_icon;
    if (typeof di === 'string') add(di); else Object.values(di ?? {}).forEach(add);
  }
  add(m.options_ui?.page);
  add(m.options_page);
  if (m.default_locale) add(`_locales/${m.default_locale}/messages.json`);
  return out;
}

function checkFiles(dir) {
  const m = manifestOf(dir);
  const missing = filesNamed(m).filter((f) => !existsSync(path.join(dir, f)));
  assert.deepEqual(missing, [], `files named by ${dir}/manifest.json are missing`);
  for (const f of ['pkg/omamori.js', 'pkg/omamori_bg.wasm']) {
    assert.ok(existsSync(path.join(dir, f)), `${dir}/${f} (the wasm core) is missing`);
  }
  return m;
}

describe('built packages (dist/)', () => {
  it('dist/chrome: MV3 with a module service worker, every named file present', () => {
    const m = checkFiles(DIST_CHROME);
    assert.equal(m.manifest_version, 3);
    assert.ok(m.background?.service_worker, 'background.service_worker');
    assert.equal(m.background.scripts, undefined, 'no background.scripts for Chrome');
    assert.equal(m.browser_specific_settings, undefined, 'no Firefox-only keys for Chrome');
    assert.match(m.content_security_policy?.extension_pages ?? '', /'wasm-unsafe-eval'/);
  });

  it('dist/firefox: background scripts, gecko id, strict_min_version ≥ 140, data_collection_permissions', () => {
    const m = checkFiles(DIST_FIREFOX);
    assert.equal(m.manifest_version, 3);
    assert.equal(m.background?.service_worker, undefined, 'no service_worker for Firefox');
    assert.ok(Array.isArray(m.background?.scripts) && m.background.scripts.length > 0, 'background.scripts');
    assert.equal(m.background.type, 'module');
    const g = m.browser_specific_settings?.gecko;
    assert.ok(g?.id, 'gecko id');
    assert.ok(parseFloat(g.strict_min_version) >= 140, 'strict_min_version ≥ 140.0');
    assert.deepEqual(g.data_collection_permissions, { required: ['none'] });
    assert.match(m.content_security_policy?.extension_pages ?? '', /'wasm-unsafe-eval'/);
  });

  it('content/content.js is extension/content\'s parts joined in parts.txt order (comments taken out), and no part ships on its own', () => {
    const joined = stripComments(joinContent());
    for (const dir of [DIST_CHROME, DIST_FIREFOX]) {
      assert.equal(readFileSync(path.join(dir, 'content', 'content.js'), 'utf8'), joined,
        `${dir}/content/content.js is not the parts joined (a stale build? run ./build.sh)`);
      for (const f of ['parts.txt', ...contentParts()]) assert.ok(!existsSync(path.join(dir, 'content', f)), `${dir}/content/${f} shipped`);
    }
    // every part on its own is a valid function body (declarations and statements, no half of one split across two)
    for (const f of contentParts()) {
      assert.doesNotThrow(() => new vm.Script(`(function () {\n${readFileSync(path.join(PARTS_DIR, f), 'utf8')}\n})`, { filename: f }), f);
    }
    assert.doesNotThrow(() => new vm.Script(joined, { filename: 'content.js' }));
  });

  it('every module the background imports, and the modules they import, is in the package', () => {
    for (const dir of [DIST_CHROME, DIST_FIREFOX]) {
      const m = manifestOf(dir);
      const todo = [m.background.service_worker ?? m.background.scripts[0]];
      const seen = new Set();
      while (todo.length) {
        const f = todo.pop();
        if (seen.has(f)) continue;
        seen.add(f);
        assert.ok(existsSync(path.join(dir, f)), `${dir}/${f} (imported) is missing`);
        const src = readFileSync(path.join(dir, f), 'utf8');
        for (const i of src.matchAll(/^\s*(?:import|export)\b[^'";]*?(?:from\s*)?['"](\.{1,2}\/[^'"]+)['"]/gm)) {
          todo.push(path.posix.normalize(path.posix.join(path.posix.dirname(f), i[1])));
        }
      }
      assert.ok(seen.size > 10 && seen.has('background/engine.js') && seen.has('pkg/omamori.js'), `${dir}: ${[...seen]}`);
    }
  });

  it('the zips exist and hold a manifest at their root', () => {
    for (const f of ['omamori-chrome.zip', 'omamori-firefox.xpi']) {
      const p = path.join(DIST, f);
      assert.ok(existsSync(p) && statSync(p).size > 1000, `${p} is missing or empty`);
      const buf = readFileSync(p);
      assert.equal(buf.readUInt32LE(0), 0x04034b50, `${f} is a zip`);
      assert.ok(buf.includes(Buffer.from('manifest.json')), `${f} holds manifest.json`);
      assert.ok(buf.includes(Buffer.from('pkg/omamori_bg.wasm')), `${f} holds the wasm core`);
    }
  });

  it('the wasm core in dist/chrome instantiates in Node and answers checkUrl', async () => {
    const pkg = path.join(DIST_CHROME, 'pkg');
    const mod = await import(pathToFileURL(path.join(pkg, 'omamori.js')).href);
    mod.initSync({ module: readFileSync(path.join(pkg, 'omamori_bg.wasm')) });
    const engine = new mod.Engine();
    const phish = engine.checkUrl(URLS.urlLevelPhish);
    assert.equal(phish.level, 'danger');
    assert.equal(phish.brand, 'micard');
    assert.equal(phish.url_block, true);
    const official = engine.checkUrl(URLS.officialLogin);
    assert.equal(official.level, 'safe');
    assert.equal(official.brand, 'micard');
    assert.ok(engine.brands().some((b) => b.id === 'micard'));
  });
});
