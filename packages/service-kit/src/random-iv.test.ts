import { describe, expect, it } from "vitest";
import { randomIv } from "./random-iv.js";

describe("randomIv", () => {
  it("hands out 12 fresh bytes each time, and an IV keeps its bytes after the pool refills", () => {
    const first = randomIv();
    const copy = Buffer.from(first);
    // Past several refills of the 4 KiB pool.
    const ivs = Array.from({ length: 2_000 }, () => randomIv().toString("hex"));
    expect(ivs.every((iv) => iv.length === 24)).toBe(true);
    expect(new Set([copy.toString("hex"), ...ivs]).size).toBe(ivs.length + 1);
    expect(first.equals(copy)).toBe(true);
  });
});
