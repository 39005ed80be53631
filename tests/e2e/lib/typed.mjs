// What a fixture page saw typed (tests/fixtures/assets/typed-log.js sends every field value to the fixture server
// as POST /typed?f=<field>&v=<value>): read from the server's request log, so that a value that got into a page is
// seen whether or not the tab is still on that page (a danger verdict may have sent it to the warning page).
import { sleep } from './guard.mjs';

/** What the pages of `host` saw typed since request index `from`: [{f, v}], in order. */
export function typedSince(server, host, from) {
  return server.requests.slice(from)
    .filter((r) => r.host === host && r.path.startsWith('/typed?'))
    .map((r) => Object.fromEntries(new URLSearchParams(r.path.slice('/typed?'.length))));
}

/** Waits until `value` was typed into field `f` of a page of `host` (a control: input does get in). */
export async function waitTyped(server, host, from, f, value, { timeout = 8_000 } = {}) {
  const end = Date.now() + timeout;
  while (Date.now() < end) {
    if (typedSince(server, host, from).some((t) => t.f === f && t.v === value)) return;
    await sleep(100);
  }
  throw new Error(`${value} never reached #${f} on ${host}: ${JSON.stringify(typedSince(server, host, from))}`);
}
