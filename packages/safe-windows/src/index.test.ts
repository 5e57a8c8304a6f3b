import { SafeWindow } from "@relais/contracts";
import { describe, expect, it } from "vitest";
import { deadlineInSafeWindow, isInSafeWindow, nextSafeMoment, windowIntervals } from "./index.js";

const BXL = "Europe/Brussels";
const at = (iso: string) => new Date(iso);
const iso = (date: Date | null) => date?.toISOString() ?? null;
const hours = (interval: { start: Date; end: Date }) =>
  (interval.end.getTime() - interval.start.getTime()) / 3_600_000;
const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7];

describe("no windows", () => {
  it("puts no restriction on any moment", () => {
    const now = at("2026-03-02T03:00:00Z");
    expect(isInSafeWindow([], BXL, now)).toBe(true);
    expect(nextSafeMoment([], BXL, now)).toEqual(now);
    expect(deadlineInSafeWindow([], BXL, now)).toEqual(now);
  });
});

describe("windows that cross midnight", () => {
  // Friday 22:00 to Saturday 02:00, Brussels winter time (UTC+1).
  const fridayNight = [{ days: [5], from: "22:00", to: "02:00" }];

  it("runs from the evening of its day into the next morning", () => {
    expect(isInSafeWindow(fridayNight, BXL, at("2026-01-09T20:59:00Z"))).toBe(false); // Fri 21:59
    expect(isInSafeWindow(fridayNight, BXL, at("2026-01-09T21:00:00Z"))).toBe(true); // Fri 22:00
    expect(isInSafeWindow(fridayNight, BXL, at("2026-01-10T00:30:00Z"))).toBe(true); // Sat 01:30
    expect(isInSafeWindow(fridayNight, BXL, at("2026-01-10T01:00:00Z"))).toBe(false); // Sat 02:00
    // Saturday night is not Friday night.
    expect(isInSafeWindow(fridayNight, BXL, at("2026-01-10T21:30:00Z"))).toBe(false);
  });

  it("finds the window's start, and the moment itself inside it", () => {
    expect(iso(nextSafeMoment(fridayNight, BXL, at("2026-01-09T12:00:00Z")))).toBe(
      "2026-01-09T21:00:00.000Z",
    );
    expect(iso(nextSafeMoment(fridayNight, BXL, at("2026-01-10T00:15:00Z")))).toBe(
      "2026-01-10T00:15:00.000Z",
    );
    // Past it on Saturday: next Friday.
    expect(iso(nextSafeMoment(fridayNight, BXL, at("2026-01-10T02:00:00Z")))).toBe(
      "2026-01-16T21:00:00.000Z",
    );
  });

  it("carries a Sunday night window into Monday", () => {
    const sundayNight = [{ days: [7], from: "23:00", to: "01:00" }];
    expect(isInSafeWindow(sundayNight, BXL, at("2026-01-11T23:30:00Z"))).toBe(true); // Mon 00:30
  });

  it("is safe at 23:30 Brussels every night in a 22:00–02:00 window (the issue's scenario)", () => {
    const nightly = [{ days: EVERY_DAY, from: "22:00", to: "02:00" }];
    const half = at("2026-06-10T21:30:00Z"); // Wednesday 23:30 summer time
    expect(isInSafeWindow(nightly, BXL, half)).toBe(true);
    expect(nextSafeMoment(nightly, BXL, half)).toEqual(half);
    // From the afternoon, the next safe moment is that evening at 22:00 local.
    expect(iso(nextSafeMoment(nightly, BXL, at("2026-06-10T13:00:00Z")))).toBe("2026-06-10T20:00:00.000Z");
  });

  it("moves a deadline outside the window to the window's end, and keeps its end as inside", () => {
    expect(iso(deadlineInSafeWindow(fridayNight, BXL, at("2026-01-09T12:00:00Z")))).toBe(
      "2026-01-10T01:00:00.000Z",
    );
    expect(iso(deadlineInSafeWindow(fridayNight, BXL, at("2026-01-10T01:00:00Z")))).toBe(
      "2026-01-10T01:00:00.000Z",
    );
  });
});

describe("on the day of the spring change (Brussels, Sunday 29 March 2026, 02:00 → 03:00)", () => {
  const sunday = at("2026-03-29T12:00:00Z");

  it("keeps wall-clock hours, so a window across the change is an hour shorter", () => {
    const [interval] = windowIntervals([{ days: [7], from: "01:00", to: "04:00" }], BXL, sunday).filter((w) =>
      w.start.toISOString().startsWith("2026-03-29"),
    );
    expect(iso(interval!.start)).toBe("2026-03-29T00:00:00.000Z"); // 01:00 winter time
    expect(iso(interval!.end)).toBe("2026-03-29T02:00:00.000Z"); // 04:00 summer time
    expect(hours(interval!)).toBe(2);
  });

  it("reads a skipped start with the offset before the change (02:30 → 03:30 summer time)", () => {
    const windows = [{ days: [7], from: "02:30", to: "05:00" }];
    expect(iso(nextSafeMoment(windows, BXL, at("2026-03-28T23:00:00Z")))).toBe("2026-03-29T01:30:00.000Z");
    expect(isInSafeWindow(windows, BXL, at("2026-03-29T01:15:00Z"))).toBe(false); // 03:15 summer
  });

  it("has no occurrence that day for a window wholly inside the skipped hour", () => {
    const skipped = [{ days: [7], from: "02:00", to: "03:00" }];
    expect(isInSafeWindow(skipped, BXL, at("2026-03-29T01:00:00Z"))).toBe(false);
    // The next one is a week later, 02:00 summer time: never a 25-hour window.
    expect(iso(nextSafeMoment(skipped, BXL, at("2026-03-28T23:00:00Z")))).toBe("2026-04-05T00:00:00.000Z");
  });

  it("runs an overnight window from Saturday into the changed Sunday", () => {
    const saturdayNight = [{ days: [6], from: "23:00", to: "03:00" }];
    const [interval] = windowIntervals(saturdayNight, BXL, at("2026-03-28T12:00:00Z")).filter((w) =>
      w.start.toISOString().startsWith("2026-03-28"),
    );
    expect(iso(interval!.start)).toBe("2026-03-28T22:00:00.000Z"); // Sat 23:00 winter time
    expect(iso(interval!.end)).toBe("2026-03-29T01:00:00.000Z"); // Sun 03:00 summer time
    expect(isInSafeWindow(saturdayNight, BXL, at("2026-03-29T00:59:00Z"))).toBe(true);
    expect(isInSafeWindow(saturdayNight, BXL, at("2026-03-29T01:00:00Z"))).toBe(false);
  });

  it("keeps an evening window at its local hour before and after the change", () => {
    const weekdayEvenings = [{ days: [1, 2, 3, 4, 5], from: "18:00", to: "20:00" }];
    // Friday 27 March 21:00 winter time → Monday 30 March 18:00 summer time.
    expect(iso(nextSafeMoment(weekdayEvenings, BXL, at("2026-03-27T20:00:00Z")))).toBe(
      "2026-03-30T16:00:00.000Z",
    );
  });
});

describe("on the day of the autumn change (Brussels, Sunday 25 October 2026, 03:00 → 02:00)", () => {
  it("keeps wall-clock hours, so a window across the change is an hour longer", () => {
    const [interval] = windowIntervals(
      [{ days: [7], from: "01:00", to: "04:00" }],
      BXL,
      at("2026-10-25T12:00:00Z"),
    ).filter((w) => w.end.toISOString().startsWith("2026-10-25"));
    expect(iso(interval!.start)).toBe("2026-10-24T23:00:00.000Z"); // 01:00 summer time
    expect(iso(interval!.end)).toBe("2026-10-25T03:00:00.000Z"); // 04:00 winter time
    expect(hours(interval!)).toBe(4);
  });

  it("starts a repeated time at its first occurrence, so both 02:xx hours are inside", () => {
    const repeated = [{ days: [7], from: "02:00", to: "03:00" }];
    expect(isInSafeWindow(repeated, BXL, at("2026-10-25T00:00:00Z"))).toBe(true); // first 02:00
    expect(isInSafeWindow(repeated, BXL, at("2026-10-25T01:30:00Z"))).toBe(true); // second 02:30
    expect(isInSafeWindow(repeated, BXL, at("2026-10-25T02:00:00Z"))).toBe(false); // 03:00 winter
  });

  it("runs an overnight window from Saturday into the changed Sunday", () => {
    const saturdayNight = [{ days: [6], from: "22:00", to: "04:00" }];
    expect(isInSafeWindow(saturdayNight, BXL, at("2026-10-24T20:00:00Z"))).toBe(true); // Sat 22:00
    expect(isInSafeWindow(saturdayNight, BXL, at("2026-10-25T02:59:00Z"))).toBe(true); // Sun 03:59
    expect(isInSafeWindow(saturdayNight, BXL, at("2026-10-25T03:00:00Z"))).toBe(false); // Sun 04:00
  });
});

describe("all-day windows (00:00–24:00)", () => {
  const sundays = [{ days: [7], from: "00:00", to: "24:00" }];

  it("cover the whole of their day and nothing of the next", () => {
    expect(isInSafeWindow(sundays, BXL, at("2026-01-10T23:00:00Z"))).toBe(true); // Sun 00:00
    expect(isInSafeWindow(sundays, BXL, at("2026-01-11T22:59:59Z"))).toBe(true); // Sun 23:59:59
    expect(isInSafeWindow(sundays, BXL, at("2026-01-11T23:00:00Z"))).toBe(false); // Mon 00:00
  });

  it("last 23 and 25 hours on the change days", () => {
    const length = (from: string) =>
      hours(windowIntervals(sundays, BXL, at(from)).find((w) => w.start.getTime() <= at(from).getTime())!);
    expect(length("2026-03-29T12:00:00Z")).toBe(23);
    expect(length("2026-10-25T12:00:00Z")).toBe(25);
  });

  it("on every day leave no moment unsafe", () => {
    const always = [{ days: EVERY_DAY, from: "00:00", to: "24:00" }];
    for (const moment of ["2026-03-29T01:00:00Z", "2026-10-25T00:30:00Z", "2026-06-01T23:59:59Z"]) {
      expect(isInSafeWindow(always, BXL, at(moment))).toBe(true);
      expect(nextSafeMoment(always, BXL, at(moment))).toEqual(at(moment));
    }
  });
});

describe("empty windows", () => {
  const empty = { days: EVERY_DAY, from: "09:00", to: "09:00" };

  it("never make a moment safe, and leave no next safe moment", () => {
    expect(isInSafeWindow([empty], BXL, at("2026-01-12T08:00:00Z"))).toBe(false);
    expect(nextSafeMoment([empty], BXL, at("2026-01-12T08:00:00Z"))).toBeNull();
    expect(deadlineInSafeWindow([empty], BXL, at("2026-01-12T08:00:00Z"))).toBeNull();
  });

  it("do not hide the other windows", () => {
    const windows = [empty, { days: [1], from: "10:00", to: "11:00" }];
    expect(iso(nextSafeMoment(windows, BXL, at("2026-01-12T08:00:00Z")))).toBe("2026-01-12T09:00:00.000Z");
  });

  it("are refused on input by the contract, naming the field", () => {
    const parsed = SafeWindow.safeParse(empty);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(["to"]);
    expect(SafeWindow.safeParse({ days: [1], from: "22:00", to: "02:00" }).success).toBe(true);
  });
});
