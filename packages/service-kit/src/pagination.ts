// Cursors are opaque to clients: base64url JSON of whatever the query needs to resume.
import type { z } from "zod";
import { Invalid } from "./errors.js";

export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value), "utf8").toString("base64url");
}

export function decodeCursor<S extends z.ZodType>(
  cursor: string | undefined,
  schema: S,
): z.output<S> | undefined {
  if (cursor === undefined || cursor === "") return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw invalidCursor();
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw invalidCursor();
  return parsed.data;
}

function invalidCursor(): Invalid {
  return new Invalid("Invalid cursor", [
    { path: "cursor", code: "invalid", message: "Not a cursor this endpoint returned" },
  ]);
}

/** A page of rows as a response's page: each item presented, the cursor as it was. */
export function presentPage<T, U>(page: { items: T[]; nextCursor: string | null }, present: (item: T) => U) {
  return { items: page.items.map((item) => present(item)), nextCursor: page.nextCursor };
}
