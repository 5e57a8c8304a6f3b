import { describe, expect, it } from "vitest";
import { z } from "zod";
import { Invalid } from "./errors.js";
import { decodeCursor, encodeCursor } from "./pagination.js";

const Cursor = z.object({ at: z.string(), id: z.string() });

describe("cursors", () => {
  it("round-trips a value through a URL-safe string", () => {
    const cursor = encodeCursor({ at: "2025-03-30T01:00:00+01:00", id: "abc/+=" });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, Cursor)).toEqual({ at: "2025-03-30T01:00:00+01:00", id: "abc/+=" });
  });

  it("treats a missing cursor as the first page", () => {
    expect(decodeCursor(undefined, Cursor)).toBeUndefined();
  });

  it.each(["%%%", "bm90IGpzb24", encodeCursor({ other: 1 })])("rejects %s as an invalid cursor", (cursor) => {
    try {
      decodeCursor(cursor, Cursor);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(Invalid);
      expect((error as Invalid).errors).toEqual([
        { path: "cursor", code: "invalid", message: expect.any(String) },
      ]);
    }
  });
});
