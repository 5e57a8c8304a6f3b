import { randomUUID } from "node:crypto";

// An incoming id is echoed into logs and headers, so only short, inert ones are trusted.
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestIdFrom(header: string | undefined): string {
  return header && SANE_REQUEST_ID.test(header) ? header : randomUUID();
}
