import { describe, expect, it } from "vitest";
import { intervalsOverlap, venueKey } from "./overlap.js";

describe("overlap", () => {
  it("compares venues regardless of case, accents, spaces and punctuation", () => {
    expect(venueKey("Rue de l'Église 12,  4100 Seraing")).toBe(venueKey("rue de l eglise 12 4100 SERAING"));
    expect(venueKey("Rue de l'Église 12")).not.toBe(venueKey("Rue de l'Église 14"));
  });

  it("finds intersecting sessions, and treats back-to-back sessions as apart", () => {
    const a = [
      { startsAt: "2026-02-03T17:00:00Z", endsAt: "2026-02-03T19:00:00Z" },
      { startsAt: "2026-02-10T17:00:00Z", endsAt: "2026-02-10T19:00:00Z" },
    ];
    expect(intervalsOverlap(a, [{ startsAt: "2026-02-03T19:00:00Z", endsAt: "2026-02-03T21:00:00Z" }])).toBe(
      false,
    );
    expect(intervalsOverlap(a, [{ startsAt: "2026-02-10T18:30:00Z", endsAt: "2026-02-10T20:00:00Z" }])).toBe(
      true,
    );
    expect(intervalsOverlap([], a)).toBe(false);
  });
});
