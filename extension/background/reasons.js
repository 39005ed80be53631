/*
 * The shell's own verdict reasons (user-reported, link-text-mismatch), in Japanese and English like the
 * engine's: both locales' messages are read at the first such reason, not when the worker starts.
 */
import { loadLocale, fillMessage } from '../shared/locales.js';
import { api } from './basics.js';

/** Both locales' messages, for the reasons the shell adds itself (verdict reasons carry ja and en). Read at the
 * first such reason, not when the worker starts: a woken worker's first job is a verdict, and most need none. */
let localesPromise = null;
const localesReady = () => localesPromise || (localesPromise = (async () => {
  const [ja, en] = await Promise.all([loadLocale(api, 'ja'), loadLocale(api, 'en')]);
  return { ja, en };
})());

/** A message of one locale with its $PLACEHOLDERS$ filled. */
async function localeText(lang, key, subs = []) {
  return fillMessage((await localesReady())[lang], key, subs);
}

/** A reason of the shell's own, in both languages, shaped like the engine's. */
export async function shellReason(code, severity, key, subsJa, subsEn = subsJa) {
  return { code, severity, ja: await localeText('ja', key, subsJa), en: await localeText('en', key, subsEn) };
}
