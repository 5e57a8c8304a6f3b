// Sets a header on the answer a handler has already made, in place. Hono's `c.header()` after
// the handler copies the whole Response to change one header; on @hono/node-server that copy
// turns its lightweight answer (a string body written straight to the socket) into a real
// Response whose body is then piped through a web stream: measured at ~5 % of an intake's CPU
// for the three headers every answer gets.
import type { Context } from "hono";

export function setAnswerHeader(c: Context, name: string, value: string): void {
  try {
    c.res.headers.set(name, value);
  } catch {
    // Immutable headers (a Response passed on from `fetch()`): copy it as Hono does.
    c.header(name, value);
  }
}
