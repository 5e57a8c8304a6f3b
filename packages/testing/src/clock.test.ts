import { describe, expect, it } from "vitest";
import { ManualClock } from "./clock.js";

describe("ManualClock", () => {
  it("stands still until told to move", () => {
    const clock = new ManualClock("2025-01-06T09:00:00Z");
    expect(clock.now().toISOString()).toBe("2025-01-06T09:00:00.000Z");
    expect(clock.now().toISOString()).toBe("2025-01-06T09:00:00.000Z");
  });

  it("advances by milliseconds or by parts, and can be set", () => {
    const clock = new ManualClock(new Date("2025-01-06T09:00:00Z"));
    clock.advance(1_500);
    expect(clock.now().toISOString()).toBe("2025-01-06T09:00:01.500Z");
    expect(clock.advance({ days: 1, hours: 2, minutes: 3 }).toISOString()).toBe("2025-01-07T11:03:01.500Z");
    clock.set("2030-05-05T00:00:00Z");
    expect(clock.now().toISOString()).toBe("2030-05-05T00:00:00.000Z");
  });

  it("hands out copies, so callers cannot move it by mutating a date", () => {
    const clock = new ManualClock("2025-01-06T09:00:00Z");
    clock.now().setFullYear(2000);
    expect(clock.now().getUTCFullYear()).toBe(2025);
  });

  it("rejects an invalid date", () => {
    expect(() => new ManualClock("not a date")).toThrow(/invalid date/);
  });
});
