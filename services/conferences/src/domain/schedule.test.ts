import type { DomainError } from "@relais/service-kit";
import { describe, expect, it } from "vitest";
import { overdueAt, planMeetings } from "./schedule.js";

describe("planMeetings", () => {
  it("places a one-off conference in its zone, and keeps no rule", () => {
    expect(
      planMeetings({ timeZone: "Europe/Brussels", dtstart: "2026-07-07T10:00", durationMinutes: 60 }),
    ).toEqual({
      dtstart: "2026-07-07T10:00:00",
      rrule: null,
      startsAt: ["2026-07-07T08:00:00Z"],
    });
  });

  it("keeps a monthly 14:00 at 14:00 local across the spring and autumn changes", () => {
    const { startsAt } = planMeetings({
      timeZone: "Europe/Brussels",
      dtstart: "2026-03-10T14:00",
      rrule: "FREQ=MONTHLY;BYDAY=2TU;COUNT=10",
      durationMinutes: 120,
    });
    expect(startsAt.slice(0, 2)).toEqual(["2026-03-10T13:00:00Z", "2026-04-14T12:00:00Z"]);
    expect(startsAt.slice(7, 9)).toEqual(["2026-10-13T12:00:00Z", "2026-11-10T13:00:00Z"]);
  });
});

describe("overdueAt", () => {
  it("is the next local midnight, on the days the clocks change too", () => {
    expect(overdueAt("2026-03-20", "Europe/Brussels", "dueDate")).toBe("2026-03-20T23:00:00Z");
    // 29 March 2026 has 23 hours in Brussels, 25 October 25.
    expect(overdueAt("2026-03-29", "Europe/Brussels", "dueDate")).toBe("2026-03-29T22:00:00Z");
    expect(overdueAt("2026-10-25", "Europe/Brussels", "dueDate")).toBe("2026-10-25T23:00:00Z");
  });

  it("names the field of a date that does not exist", () => {
    try {
      overdueAt("2026-02-30", "Europe/Brussels", "actions.0.dueDate");
      expect.unreachable();
    } catch (error) {
      expect((error as DomainError).errors?.[0]?.path).toBe("actions.0.dueDate");
    }
  });
});
