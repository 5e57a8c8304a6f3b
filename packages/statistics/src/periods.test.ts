import { describe, expect, it } from "vitest";
import { durationFigures, quantile, rateOver } from "./durations.js";
import { monthOf, monthsBetween, periodBounds } from "./periods.js";

describe("months in the organisation's zone", () => {
  it("puts an instant in the month of its local date, across the spring change", () => {
    // 31 March 2026 23:30 in Brussels is already summer time (UTC+2): 21:30 UTC.
    expect(monthOf("2026-03-31T21:30:00Z", "Europe/Brussels")).toBe("2026-03");
    expect(monthOf("2026-03-31T22:30:00Z", "Europe/Brussels")).toBe("2026-04");
    // The same instant in UTC would still be March.
    expect(monthOf("2026-03-31T22:30:00Z", "UTC")).toBe("2026-03");
  });

  it("bounds a period at local midnight, with the offset of each end", () => {
    // March 2026: starts in winter time (UTC+1), ends in summer time (UTC+2).
    expect(periodBounds("2026-03", "2026-03", "Europe/Brussels")).toEqual({
      start: "2026-02-28T23:00:00.000Z",
      end: "2026-03-31T22:00:00.000Z",
    });
    // October 2026 the other way round (the change is on the 25th).
    expect(periodBounds("2026-10", "2026-11", "Europe/Brussels")).toEqual({
      start: "2026-09-30T22:00:00.000Z",
      end: "2026-11-30T23:00:00.000Z",
    });
  });

  it("lists the months of a period, across a year", () => {
    expect(monthsBetween("2025-11", "2026-02")).toEqual(["2025-11", "2025-12", "2026-01", "2026-02"]);
  });
});

describe("durations and rates", () => {
  it("publishes a median and a 90th percentile over at least the threshold, by nearest rank", () => {
    expect(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBe(9);
    expect(durationFigures([3, 1, 2, 5, 4], 5)).toEqual({ median: 3, p90: 5 });
    expect(durationFigures([3, 1, 2, 5], 5)).toEqual({ median: null, p90: null });
    expect(durationFigures([1.26, 2, 3, 4, 5], 5).p90).toBe(5);
    expect(durationFigures([1.26, 1.26, 1.26, 4, 5], 5).median).toBe(1.3);
  });

  it("publishes a rate only over enough people", () => {
    expect(rateOver(7, 8, 5, 5)).toBe(0.875);
    expect(rateOver(7, 8, 4, 5)).toBeNull();
    expect(rateOver(0, 0, 9, 5)).toBeNull();
  });
});
