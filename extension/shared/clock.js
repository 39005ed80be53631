/*
 * One clock for every time a person reads (report page and mail, options, exports): Japan time, labelled, whatever
 * the device's time zone. Japan keeps +09:00 all year, so no time-zone data is needed.
 */
const api = globalThis.browser ?? globalThis.chrome;
const JST_MS = 9 * 3600 * 1000;

function parts(ms) {
  const d = new Date(Number(ms) + JST_MS);
  if (ms == null || !Number.isFinite(d.getTime())) return null;
  const p = (n) => String(n).padStart(2, '0');
  return { y: d.getUTCFullYear(), mo: p(d.getUTCMonth() + 1), d: p(d.getUTCDate()), h: p(d.getUTCHours()), mi: p(d.getUTCMinutes()), s: p(d.getUTCSeconds()) };
}

/** "2026/11/21 15:04" in Japan time, for text that says 日本時間 itself (the report mail). */
export function jstTime(ms) {
  const t = parts(ms);
  return t ? `${t.y}/${t.mo}/${t.d} ${t.h}:${t.mi}` : '';
}

/** "2026/11/21 15:04（日本時間）" / "2026/11/21 15:04 (JST)": a time as the extension's pages show it. */
export function timeText(ms) {
  const t = jstTime(ms);
  return t ? api.i18n.getMessage('time_jst', [t]) || t : '';
}

/** "2026-11-21T15:04:05+09:00": a time in the exports (ISO 8601; the offset says Japan time). */
export function jstIso(ms) {
  const t = parts(ms);
  return t ? `${t.y}-${t.mo}-${t.d}T${t.h}:${t.mi}:${t.s}+09:00` : '';
}

/** "2026-11-21": the day in Japan (export file names). */
export function jstDate(ms) {
  const t = parts(ms);
  return t ? `${t.y}-${t.mo}-${t.d}` : '';
}
