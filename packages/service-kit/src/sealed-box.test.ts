import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createSealedBox } from "./sealed-box.js";

const key = () => randomBytes(32).toString("base64");

describe("sealed box", () => {
  it("round-trips a value without leaving it readable", () => {
    const box = createSealedBox(key());
    const sealed = box.seal('{"email":"victim@example.org"}');
    expect(sealed).not.toContain("victim");
    expect(box.open(sealed)).toBe('{"email":"victim@example.org"}');
    expect(box.seal("same")).not.toBe(box.seal("same"));
  });

  it("opens values sealed with a previous key during a rotation and marks them stale", () => {
    const oldKey = key();
    const sealedBefore = createSealedBox(oldKey).seal("+32470000001");
    const rotated = createSealedBox(key(), [oldKey]);
    expect(rotated.open(sealedBefore)).toBe("+32470000001");
    expect(rotated.isStale(sealedBefore)).toBe(true);
    expect(rotated.isStale(rotated.seal("x"))).toBe(false);
  });

  it("refuses a tampered value or an unknown key", () => {
    const box = createSealedBox(key());
    const sealed = box.seal("secret");
    const parts = sealed.split(".");
    parts[4] = Buffer.from("tampered").toString("base64url");
    expect(() => box.open(parts.join("."))).toThrow();
    expect(() => createSealedBox(key()).open(sealed)).toThrow();
  });
});
