/*
 * The person's first input into this document (content script part; see parts.txt): at the first trusted edit,
 * paste, drop, composition or <select> choice in one of its fields, before the page's handlers see it (installed by
 * installGuard after the guard's own listeners: an event the guard holds does not count), its address is kept and
 * sent (`first-input`; later checks carry it). Reports never carry a later one (background/before-input.js).
 */

let firstInputUrl = null;

const FIRST_INPUT_EVENTS = ['keydown', 'keypress', 'beforeinput', 'input', 'paste', 'drop', 'compositionstart', 'change'];

function listenForFirstInput() {
  if (firstInputUrl !== null) return;
  for (const t of FIRST_INPUT_EVENTS) ET_add.call(window, t, onFirstInput, true);
}

function onFirstInput(ev) {
  if (firstInputUrl !== null || state.dead || !ev.isTrusted) return;
  const t = pageTarget(ev); // (null: our own UI)
  if (!t || t === UNSEEN || !(isTextEntry(t) || localName(t) === 'select')) return;
  if ((ev.type === 'keydown' || ev.type === 'keypress') && !isEditingKey(ev)) return;
  firstInputUrl = effectiveUrl();
  send({ type: 'first-input', url: firstInputUrl }).catch(() => {});
}
