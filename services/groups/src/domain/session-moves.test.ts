import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { expandSchedule } from "./recurrence.js";
import { assertSessionChangeable, moveFollowing } from "./session-moves.js";

describe("moveFollowing", () => {
  it("moves this and later sessions to Wednesday 19:00 local, across the autumn change, skipping cancelled ones", () => {
    const { occurrences } = expandSchedule({
      timeZone: "Europe/Brussels",
      dtstart: "2026-10-13T18:00",
      rrule: "FREQ=WEEKLY;BYDAY=TU;COUNT=4",
      durationMinutes: 90,
    });
    const sessions = occurrences.map((o, i) => ({
      id: `s${i}`,
      ...o,
      originalStartsAt: o.startsAt,
      status: i === 3 ? ("cancelled" as const) : ("scheduled" as const),
    }));
    const moves = moveFollowing(
      sessions,
      "s1",
      DateTime.fromISO("2026-10-21T19:00:00+02:00"),
      90,
      "Europe/Brussels",
    );
    expect(moves).toEqual([
      { id: "s1", startsAt: "2026-10-21T17:00:00Z", endsAt: "2026-10-21T18:30:00Z", status: "moved" },
      { id: "s2", startsAt: "2026-10-28T18:00:00Z", endsAt: "2026-10-28T19:30:00Z", status: "moved" },
    ]);
  });
});

describe("assertSessionChangeable", () => {
  const now = new Date("2026-03-10T17:00:00Z");
  const codeOf = (session: { status: "scheduled" | "moved" | "cancelled"; startsAt: string }) => {
    try {
      assertSessionChangeable(session, now);
      return null;
    } catch (error) {
      return (error as { code?: string }).code;
    }
  };

  it("lets a held session that has not started be cancelled or moved", () => {
    expect(codeOf({ status: "scheduled", startsAt: "2026-03-10T17:00:01Z" })).toBeNull();
    expect(codeOf({ status: "moved", startsAt: "2026-03-11T17:00:00Z" })).toBeNull();
  });

  it("refuses a cancelled session, and one that has started (from its first second)", () => {
    expect(codeOf({ status: "cancelled", startsAt: "2026-03-11T17:00:00Z" })).toBe("session_cancelled");
    expect(codeOf({ status: "scheduled", startsAt: "2026-03-10T17:00:00Z" })).toBe("session_started");
    expect(codeOf({ status: "moved", startsAt: "2026-03-03T17:00:00Z" })).toBe("session_started");
  });
});
