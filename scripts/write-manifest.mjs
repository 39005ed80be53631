#!/usr/bin/env node
// Writes the per-browser manifest.json from the source manifest (repo root manifest.json).
//
//   node scripts/write-manifest.mjs chrome|firefox OUT_FILE [SOURCE_MANIFEST]
//
// Chrome:  the source as it is, less Firefox-only keys (browser_specific_settings, background.scripts).
// Firefox: MV3 has no background service worker: background becomes {scripts: [...], type: "module"};
//          browser_specific_settings.gecko gets an id, strict_min_version 140.0 (needed by
//          data_collection_permissions) and data_collection_permissions {required: ["none"]};
//          gecko_android.strict_min_version 142.0;
//          Chrome-only keys and permissions are dropped.
// Paths in the source are relative to extension/ (dist/<browser>/ is extension/ + this manifest); a leading
// "extension/" is tolerated and stripped.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const GECKO_ID = 'omamori@omamori.invalid';
export const GECKO_MIN_VERSION = '140.0';
export const GECKO_ANDROID_MIN_VERSION = '142.0';

// Keys Chrome understands and Firefox does not (Firefox lints them as warnings or errors).
const CHROME_ONLY_KEYS = [
  'key', 'update_url', 'minimum_chrome_version', 'side_panel', 'offline_enabled', 'oauth2',
  'export', 'import', 'externally_connectable', 'storage', 'event_rules', 'file_browser_handlers',
  'file_system_provider_capabilities', 'input_components', 'nacl_modules', 'requirements',
  'tts_engine', 'differential_fingerprint', 'automation',
];
const CHROME_ONLY_PERMISSIONS = new Set([
  'offscreen', 'sidePanel', 'favicon', 'readingList', 'declarativeContent', 'tabCapture',
  'desktopCapture', 'documentScan', 'enterprise.deviceAttributes', 'enterprise.hardwarePlatform',
  'enterprise.networkingAttributes', 'enterprise.platformKeys', 'fileBrowserHandler',
  'fileSystemProvider', 'fontSettings', 'gcm', 'loginState', 'platformKeys', 'power', 'printerProvider',
  'printing', 'printingMetrics', 'processes', 'signedInDevices', 'system.cpu', 'system.display',
  'system.memory', 'system.storage', 'tts', 'ttsEngine', 'vpnProvider', 'wallpaper', 'debugger',
  'declarativeNetRequestFeedback', 'certificateProvider',
]);

const clone = (o) => JSON.parse(JSON.stringify(o));

function stripExtPrefix(value) {
  if (typeof value === 'string') return value.replace(/^\.?\/?extension\//, '');
  if (Array.isArray(value)) return value.map(stripExtPrefix);
  if (value && typeof value === 'object') {
    const out = {};
    for (const [k, v] of Object.entries(value)) out[k] = stripExtPrefix(v);
    return out;
  }
  return value;
}

export function chromeManifest(src) {
  const m = stripExtPrefix(clone(src));
  delete m.browser_specific_settings;
  if (m.background) {
    if (!m.background.service_worker && Array.isArray(m.background.scripts) && m.background.scripts.length) {
      if (m.background.scripts.length !== 1) {
        throw new Error('Chrome needs one background service_worker; the source lists several scripts');
      }
      m.background.service_worker = m.background.scripts[0];
    }
    delete m.background.scripts;
    delete m.background.persistent;
  }
  return m;
}

export function firefoxManifest(src) {
  const m = stripExtPrefix(clone(src));
  for (const k of CHROME_ONLY_KEYS) delete m[k];
  if (m.background) {
    const bg = m.background;
    const scripts = bg.scripts ?? (bg.service_worker ? [bg.service_worker] : []);
    const out = { scripts };
    if (bg.type) out.type = bg.type;
    else if (bg.service_worker) out.type = 'module';
    m.background = out;
  }
  for (const key of ['permissions', 'optional_permissions']) {
    if (Array.isArray(m[key])) {
      m[key] = m[key].filter((p) => !CHROME_ONLY_PERMISSIONS.has(p));
      if (m[key].length === 0) delete m[key];
    }
  }
  if (Array.isArray(m.web_accessible_resources)) {
    m.web_accessible_resources = m.web_accessible_resources.map((r) => {
      if (r && typeof r === 'object') {
        const { use_dynamic_url, ...rest } = r; // Chrome-only
        void use_dynamic_url;
        return rest;
      }
      return r;
    });
  }
  if (m.incognito === 'split') m.incognito = 'not_allowed'; // Firefox has no split mode
  const bss = m.browser_specific_settings ?? {};
  const gecko = bss.gecko ?? {};
  gecko.id ??= GECKO_ID;
  if (!gecko.strict_min_version || versionLess(gecko.strict_min_version, GECKO_MIN_VERSION)) {
    gecko.strict_min_version = GECKO_MIN_VERSION;
  }
  gecko.data_collection_permissions ??= { required: ['none'] };
  bss.gecko = gecko;
  // Firefox for Android knows data_collection_permissions from 142 on (web-ext lint warns otherwise).
  const android = bss.gecko_android ?? {};
  if (!android.strict_min_version || versionLess(android.strict_min_version, GECKO_ANDROID_MIN_VERSION)) {
    android.strict_min_version = GECKO_ANDROID_MIN_VERSION;
  }
  bss.gecko_android = android;
  m.browser_specific_settings = bss;
  return m;
}

function versionLess(a, b) {
  const pa = String(a).split('.').map((x) => parseInt(x, 10) || 0);
  const pb = String(b).split('.').map((x) => parseInt(x, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) < (pb[i] ?? 0);
  }
  return false;
}

function main(argv) {
  const [browser, out, srcPath = path.join(ROOT, 'manifest.json')] = argv;
  if (!['chrome', 'firefox'].includes(browser) || !out) {
    console.error('usage: write-manifest.mjs chrome|firefox OUT_FILE [SOURCE_MANIFEST]');
    process.exit(2);
  }
  let src;
  try {
    src = JSON.parse(readFileSync(srcPath, 'utf8'));
  } catch (e) {
    console.error(`write-manifest: cannot read ${srcPath}: ${e.message}`);
    process.exit(1);
  }
  if (src.manifest_version !== 3) {
    console.error(`write-manifest: ${srcPath} is not a Manifest V3 manifest`);
    process.exit(1);
  }
  const m = browser === 'chrome' ? chromeManifest(src) : firefoxManifest(src);
  writeFileSync(out, JSON.stringify(m, null, 2) + '\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2));
}
