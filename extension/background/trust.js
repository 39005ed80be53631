/*
 * Trust: the origins the person chose to use anyway ("continue anyway"), added and removed (≤ MAX_TRUSTED).
 */
import { originOf, hostOf } from './basics.js';
import { trusted, listsReady, saveTrusted, afterListChange } from './lists.js';

const MAX_TRUSTED = 2000;

export async function trustOrigin(origin, info = {}) {
  await listsReady;
  if (!originOf(origin) || originOf(origin) !== origin) throw new Error('not an http(s) origin');
  trusted[origin] = {
    added: Date.now(), host: hostOf(origin), brand: info.brand || null, level: info.level || null,
  };
  const keys = Object.keys(trusted);
  if (keys.length > MAX_TRUSTED) {
    keys.sort((a, b) => trusted[a].added - trusted[b].added);
    for (const k of keys.slice(0, keys.length - MAX_TRUSTED)) delete trusted[k];
  }
  await saveTrusted();
  await afterListChange(origin);
}

export async function untrustOrigin(origin) {
  await listsReady;
  delete trusted[origin];
  await saveTrusted();
  await afterListChange(origin);
}
