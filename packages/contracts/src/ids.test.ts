import { describe, expect, it } from "vitest";
import { z } from "zod";
import { newId } from "./envelope.js";

describe("newId", () => {
  it("makes RFC 9562 version 7 ids that zod's uuid accepts", () => {
    const id = newId();
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(z.uuid().safeParse(id).success).toBe(true);
  });

  it("puts the current millisecond in the first 48 bits", () => {
    const before = Date.now();
    const id = newId();
    const after = Date.now();
    const ms = Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
    expect(ms).toBeGreaterThanOrEqual(before);
    expect(ms).toBeLessThanOrEqual(after + 1);
  });

  it("sorts in the order the ids were made, and never repeats, within one millisecond too", () => {
    // 20,000 ids take a few ms: many share a millisecond and go by the counter; the pool of
    // random bytes is refilled several times on the way.
    const ids = Array.from({ length: 20_000 }, () => newId());
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });

  it("draws fresh random bits for every id", () => {
    const tails = new Set(Array.from({ length: 1_000 }, () => newId().slice(-10)));
    expect(tails.size).toBe(1_000);
  });
});
