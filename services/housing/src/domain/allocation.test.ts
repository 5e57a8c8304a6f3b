import { describe, expect, it } from "vitest";
import { choosePlace, type PlaceFacts, refusalOf } from "./allocation.js";
import { addNights, localToday, nightsBetween, nightsOf } from "./nights.js";

const place = (over: Partial<PlaceFacts> = {}): PlaceFacts => ({
  id: "p1",
  capacity: 2,
  active: true,
  windows: [{ startsOn: "2026-03-01", endsOn: "2026-04-30" }],
  held: [],
  ...over,
});

describe("allocation", () => {
  it("gives the smallest place that fits the household, then the oldest", () => {
    const big = place({ id: "p0", capacity: 6 });
    const small = place({ id: "p2", capacity: 3 });
    const smallOlder = place({ id: "p1", capacity: 3 });
    expect(choosePlace([big, small, smallOlder], 3, "2026-03-10", "2026-03-17")?.id).toBe("p1");
    expect(choosePlace([big, small], 5, "2026-03-10", "2026-03-17")?.id).toBe("p0");
    expect(choosePlace([small], 4, "2026-03-10", "2026-03-17")).toBeNull();
  });

  it("says why a place cannot take a stay", () => {
    expect(refusalOf(place({ active: false }), 1, "2026-03-10", "2026-03-12")).toBe("place_inactive");
    expect(refusalOf(place(), 3, "2026-03-10", "2026-03-12")).toBe("household_too_large");
    // The last night of the window is the 29th; a stay to the morning of the 30th fits, one more does not.
    expect(refusalOf(place(), 1, "2026-04-20", "2026-04-30")).toBeNull();
    expect(refusalOf(place(), 1, "2026-04-20", "2026-05-01")).toBe("place_unavailable");
    const held = place({ held: [{ from: "2026-03-10", to: "2026-03-15" }] });
    expect(refusalOf(held, 1, "2026-03-14", "2026-03-16")).toBe("place_taken");
    // Leaving on the morning of the 15th frees that night.
    expect(refusalOf(held, 1, "2026-03-15", "2026-03-16")).toBeNull();
  });
});

describe("nights", () => {
  it("counts calendar nights across both DST changes", () => {
    // Brussels: summer time from 29 March 2026, winter time from 25 October 2026.
    expect(nightsBetween("2026-03-28", "2026-03-30")).toBe(2);
    expect(addNights("2026-10-24", 2)).toBe("2026-10-26");
    expect(nightsOf("2026-10-24", "2026-10-27")).toEqual(["2026-10-24", "2026-10-25", "2026-10-26"]);
  });

  it("takes today in the zone, not in UTC", () => {
    // 23:30 UTC on 28 March is 00:30 on the 29th in Brussels (still winter time, +01:00).
    expect(localToday(new Date("2026-03-28T23:30:00Z"), "Europe/Brussels")).toBe("2026-03-29");
    // 22:30 UTC on 28 October is 23:30 on the 28th (winter time again).
    expect(localToday(new Date("2026-10-28T22:30:00Z"), "Europe/Brussels")).toBe("2026-10-28");
  });
});
