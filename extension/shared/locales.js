// A locale's messages read as a file (an ES module for the background and the extension's module pages).
// chrome.i18n only speaks the browser's UI language; verdict reasons carry both languages, and the report mail to
// the Council of Anti-Phishing Japan is always written in Japanese.

/** The messages.json of `lang` ({key: {message, placeholders}}), or {} when it cannot be read. */
export async function loadLocale(api, lang) {
  try {
    const r = await fetch(api.runtime.getURL(`_locales/${lang}/messages.json`));
    return await r.json();
  } catch {
    return {};
  }
}

/** The message `key` of `messages` with its $PLACEHOLDERS$ filled from `subs` ($1, $2…), as chrome.i18n does. */
export function fillMessage(messages, key, subs = []) {
  subs = [].concat(subs);
  const e = messages && messages[key];
  if (!e) return '';
  return e.message.replace(/\$([A-Za-z0-9_@]+)\$/g, (all, name) => {
    const ph = e.placeholders && e.placeholders[name.toLowerCase()];
    if (!ph) return all;
    const m = /^\$(\d)$/.exec(ph.content);
    return m ? String(subs[Number(m[1]) - 1] ?? '') : ph.content;
  }).replace(/\$\$/g, '$');
}
