/*
 * Omamori content script (a CLASSIC script; runs at document_start in every frame, after shared/ui.js).
 *
 * Its source is the parts listed in content/parts.txt, which build.sh joins (scripts/join-content.mjs) into ONE
 * script, dist/<browser>/content/content.js, inside ONE closure: every part is a sequence of top-level
 * declarations of one idea, and they all share that closure's scope. This part comes first: the one instance
 * per document, or none.
 *
 * 1. Installs, at once, a capture-phase input guard on window (input-guard.js): a text-entry field takes trusted
 *    key/text input only after a check that read that field has answered, not `danger`, and while what it read
 *    is still true; otherwise its input is stopped (and nothing else: focus is left alone).
 * 2. Sends the URL alone to the background straight away (fast URL verdict; checks.js). The PAGE FACTS
 *    (docs/engine-api.md; facts.js; their visible-text sample needs style and layout) are read right after the
 *    first paint on a page with a login or card form, else after `load` at an idle moment (at the latest
 *    TEXT_FALLBACK_MS after DOMContentLoaded), or at once when a blocked field asks: nothing is extracted at
 *    DOMContentLoaded, and every field stays pending (typing blocked) until a check that read it answers, unless
 *    the address is an official domain (`safe` from the URL alone: no page can change that). Again on DOM
 *    mutations (debounced, bounded) and SPA URL changes.
 * 3. Does what the verdict asks for: on `danger` nothing is drawn in the page — the background sends the tab to
 *    the extension's warning page, and every field stays held until the tab has left (danger.js); on `caution`
 *    <omamori-guard data-level="caution" data-brand="…"> on document.documentElement with a CLOSED shadow root
 *    holding a quiet notice next to the focused sensitive field (guard-element.js, caution-notice.js); no element
 *    otherwise. A deceptive link clicked goes to the warning page too (links.js, link-hold.js).
 *
 * The page cannot reach anything here: this runs in the isolated world, and the UI lives in a closed shadow
 * root. Page-controlled DOM is read through prototype methods (dom.js), because named elements can shadow
 * properties of document and form (<img name="querySelectorAll">, <input name="action">).
 */

const UI = globalThis.OmamoriUI;
const api = globalThis.browser ?? globalThis.chrome;
if (!UI || !api || !api.runtime || !api.runtime.id) return;
if (globalThis.__omamoriContent) return; // one instance per document
globalThis.__omamoriContent = true;
