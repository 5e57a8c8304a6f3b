// The schedule builder's rule and preview (web/src/time/schedule.ts): the RRULE the groups
// service expands, and local dates that keep their wall-clock time across both DST changes.
import { describe, expect, it } from "vitest";
import { previewSessions, type ScheduleDraft, toRrule, toScheduleInput } from "../web/src/time/schedule.js";

const draft = (overrides: Partial<ScheduleDraft> = {}): ScheduleDraft => ({
  weekdays: ["TU"],
  startTime: "18:00",
  durationMinutes: 120,
  firstDate: "2027-03-09",
  end: { kind: "count", count: 6 },
  timeZone: "Europe/Brussels",
  ...overrides,
});

describe("the schedule builder", () => {
  it("writes a weekly RRULE with COUNT, or UNTIL as a local date", () => {
    expect(toRrule(draft({ weekdays: ["TH", "MO"] }))).toBe("FREQ=WEEKLY;BYDAY=MO,TH;COUNT=6");
    expect(toRrule(draft({ end: { kind: "until", until: "2027-04-30" } }))).toBe(
      "FREQ=WEEKLY;BYDAY=TU;UNTIL=20270430",
    );
    expect(toScheduleInput(draft())).toEqual({
      timeZone: "Europe/Brussels",
      dtstart: "2027-03-09T18:00",
      rrule: "FREQ=WEEKLY;BYDAY=TU;COUNT=6",
      durationMinutes: 120,
    });
  });

  it("keeps 18:00 across the spring change: +01:00 before 28 March, +02:00 after", () => {
    expect(previewSessions(draft()).map((s) => s.iso)).toEqual([
      "2027-03-09T18:00:00+01:00",
      "2027-03-16T18:00:00+01:00",
      "2027-03-23T18:00:00+01:00",
      "2027-03-30T18:00:00+02:00",
      "2027-04-06T18:00:00+02:00",
      "2027-04-13T18:00:00+02:00",
    ]);
  });

  it("keeps 09:30 across the autumn change, on two weekdays, up to an end date included", () => {
    const sessions = previewSessions(
      draft({
        weekdays: ["MO", "TH"],
        startTime: "09:30",
        firstDate: "2027-10-20",
        end: { kind: "until", until: "2027-11-04" },
      }),
    );
    expect(sessions.map((s) => s.iso)).toEqual([
      "2027-10-21T09:30:00+02:00",
      "2027-10-25T09:30:00+02:00",
      "2027-10-28T09:30:00+02:00",
      "2027-11-01T09:30:00+01:00",
      "2027-11-04T09:30:00+01:00",
    ]);
  });

  it("starts on the first matching weekday and shows nothing for an incomplete draft", () => {
    expect(previewSessions(draft({ firstDate: "2027-03-10" }))[0]?.local).toBe("2027-03-16T18:00");
    expect(previewSessions(draft({ weekdays: [] }))).toEqual([]);
    expect(previewSessions(draft({ firstDate: "" }))).toEqual([]);
    expect(previewSessions(draft({ end: { kind: "count", count: 0 } }))).toEqual([]);
  });
});
