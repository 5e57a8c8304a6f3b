import { describe, expect, it } from "vitest";
import { isInSafeWindow, nextSafeMoment } from "./safe-window.js";

const weekdayEvenings = [{ days: [1, 2, 3, 4, 5], from: "18:00", to: "20:00" }];

describe("safe windows", () => {
  it("has no restriction without windows", () => {
    const now = new Date("2026-03-02T03:00:00Z");
    expect(nextSafeMoment([], "Europe/Brussels", now)).toEqual(now);
  });

  it("is inside a window in the person's zone, not UTC", () => {
    // Monday 2 March 2026, 18:30 in Brussels is 17:30 UTC.
    expect(isInSafeWindow(weekdayEvenings, "Europe/Brussels", new Date("2026-03-02T17:30:00Z"))).toBe(true);
    expect(isInSafeWindow(weekdayEvenings, "Europe/Brussels", new Date("2026-03-02T19:30:00Z"))).toBe(false);
  });

  it("waits for the next window, skipping the weekend, across a daylight-saving change", () => {
    // Friday 27 March 2026, 21:00 Brussels → Monday 30 March 18:00, now summer time (16:00 UTC).
    expect(
      nextSafeMoment(weekdayEvenings, "Europe/Brussels", new Date("2026-03-27T20:00:00Z"))?.toISOString(),
    ).toBe("2026-03-30T16:00:00.000Z");
  });

  it("takes 24:00 as the end of the day", () => {
    const late = [{ days: [7], from: "22:00", to: "24:00" }];
    expect(isInSafeWindow(late, "Europe/Brussels", new Date("2026-03-01T22:30:00Z"))).toBe(true);
  });
});
