/*
 * Omamori background (Chrome: module service worker; Firefox: module background script): the entry, which the
 * manifest names. It only imports the modules, in the order in which they start (a module is evaluated after
 * the modules it imports):
 *
 *   engine.js      the wasm Engine, compiling from the first moment (engine host; start-up milestones)
 *   lists.js       the trusted origins and the report log read from storage.local
 *   navigation.js  the URL-level block before a navigation commits (webNavigation, tabs listeners)
 *   menu.js        the "このリンクを確認" context menu
 *   messages.js    the messages of the content script and of the extension's pages (runtime.onMessage)
 *   test-hooks.js  the global `omamori` for browser automation
 *
 * and, imported by those: basics.js (the extension API, levels, URL helpers), reasons.js (the shell's own
 * reasons in ja + en), brands.js (the knowledge base's brands), frames.js (per-frame records, tab state),
 * badge.js, trust.js, reports.js, open.js (tabs opened for the person), links.js (link classification),
 * facts.js (facts sanitising), warnings.js (a page-level danger and a held link sent to the warning page).
 *
 * Every listener that must wake the worker is registered while these modules are first evaluated, synchronously
 * (static imports, no top-level await). Nothing here is reachable from a web page: there is no
 * externally_connectable, no web-accessible resource, and every message is checked to come from this
 * extension (sender.id) and from the right kind of context (content script vs extension page).
 */
import './engine.js';
import './lists.js';
import './navigation.js';
import './menu.js';
import './messages.js';
import './test-hooks.js';
