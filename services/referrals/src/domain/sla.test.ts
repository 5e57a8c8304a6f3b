import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY } from "./policy.js";
import { planFirstCallback, replanForRaisedRisk } from "./sla.js";

const BRUSSELS = "Europe/Brussels";
const weekdayMornings = [{ days: [1, 2, 3, 4, 5], from: "09:00", to: "12:00" }];
const local = (iso: string) => DateTime.fromISO(iso, { zone: BRUSSELS }).toJSDate();
const show = (date: Date) =>
  DateTime.fromJSDate(date, { zone: BRUSSELS }).toISO({ suppressMilliseconds: true });

function plan(filedAt: string, riskLevel: "high" | "medium" | "low", windows = weekdayMornings) {
  const result = planFirstCallback({
    filedAt: local(filedAt),
    riskLevel,
    windows,
    zone: BRUSSELS,
    policy: DEFAULT_POLICY,
  });
  return { dueAt: show(result.dueAt), slaDeadline: show(result.slaDeadline) };
}

describe("planFirstCallback", () => {
  it("files Friday 22:00 high risk with weekday 09:00-12:00 windows: due Monday 09:00 Brussels", () => {
    expect(DateTime.fromISO("2026-11-20", { zone: BRUSSELS }).weekdayLong).toBe("Friday");
    // The 4 h SLA ends Saturday 02:00, outside every window: it moves to Monday's window.
    expect(plan("2026-11-20T22:00", "high")).toEqual({
      dueAt: "2026-11-23T09:00:00+01:00",
      slaDeadline: "2026-11-23T12:00:00+01:00",
    });
  });

  it("keeps Monday 09:00 local across the spring-forward weekend (CET → CEST)", () => {
    // Clocks go forward on Sunday 29 March 2026: Monday 09:00 is 07:00 UTC, not 08:00.
    const result = plan("2026-03-27T22:00", "high");
    expect(result).toEqual({ dueAt: "2026-03-30T09:00:00+02:00", slaDeadline: "2026-03-30T12:00:00+02:00" });
    expect(local("2026-03-30T09:00").toISOString()).toBe("2026-03-30T07:00:00.000Z");
  });

  it("keeps Monday 09:00 local across the fall-back weekend (CEST → CET)", () => {
    expect(plan("2026-10-23T22:00", "high")).toEqual({
      dueAt: "2026-10-26T09:00:00+01:00",
      slaDeadline: "2026-10-26T12:00:00+01:00",
    });
  });

  it("counts SLA hours as elapsed hours across a DST change", () => {
    // Saturday 28 March 10:00 CET + 24 h = Sunday 29 March 11:00 CEST (the night was 23 h long).
    const everyMorning = [{ days: [1, 2, 3, 4, 5, 6, 7], from: "09:00", to: "12:00" }];
    expect(plan("2026-03-28T10:00", "medium", everyMorning)).toEqual({
      dueAt: "2026-03-28T10:00:00+01:00",
      slaDeadline: "2026-03-29T11:00:00+02:00",
    });
  });

  it("files at 23:30 Brussels with nightly 22:00–02:00 windows: due at once (issue 10, part 4)", () => {
    // The same moment and windows as notifications' delivery test: both services must agree.
    const nightly = [{ days: [1, 2, 3, 4, 5, 6, 7], from: "22:00", to: "02:00" }];
    expect(plan("2026-03-02T23:30", "high", nightly)).toEqual({
      dueAt: "2026-03-02T23:30:00+01:00",
      // The 4 h SLA ends Tuesday 03:30, after that night's window: the end of the next one.
      slaDeadline: "2026-03-04T02:00:00+01:00",
    });
  });

  it("is due at once inside a window and keeps a deadline that falls inside one", () => {
    expect(plan("2026-11-23T10:00", "medium")).toEqual({
      dueAt: "2026-11-23T10:00:00+01:00",
      slaDeadline: "2026-11-24T10:00:00+01:00",
    });
  });

  it("waits for the window on the same morning and counts the window's end as inside", () => {
    expect(plan("2026-11-23T08:00", "high")).toEqual({
      dueAt: "2026-11-23T09:00:00+01:00",
      slaDeadline: "2026-11-23T12:00:00+01:00",
    });
  });

  it("without windows: due at filing, deadline after the SLA (low risk 72 h)", () => {
    expect(plan("2026-11-20T22:00", "low", [])).toEqual({
      dueAt: "2026-11-20T22:00:00+01:00",
      slaDeadline: "2026-11-23T22:00:00+01:00",
    });
  });

  it("uses the person's own time zone", () => {
    const result = planFirstCallback({
      filedAt: local("2026-11-20T22:00"),
      riskLevel: "high",
      windows: weekdayMornings,
      zone: "Europe/London",
      policy: DEFAULT_POLICY,
    });
    expect(
      DateTime.fromJSDate(result.dueAt, { zone: "Europe/London" }).toISO({ suppressMilliseconds: true }),
    ).toBe("2026-11-23T09:00:00+00:00");
  });
});

describe("replanForRaisedRisk", () => {
  function replan(
    filedAt: string,
    now: string,
    from: "medium" | "low",
    to: "high" | "medium",
    windows: typeof weekdayMornings = weekdayMornings,
  ) {
    const current = planFirstCallback({
      filedAt: local(filedAt),
      riskLevel: from,
      windows,
      zone: BRUSSELS,
      policy: DEFAULT_POLICY,
    });
    const result = replanForRaisedRisk({
      filedAt: local(filedAt),
      now: local(now),
      riskLevel: to,
      windows,
      zone: BRUSSELS,
      policy: DEFAULT_POLICY,
      current,
    });
    return { dueAt: show(result.dueAt), slaDeadline: show(result.slaDeadline) };
  }

  it("counts the new SLA from filing while that deadline is still ahead", () => {
    // Filed Friday 22:00 low (deadline Tuesday 12:00); raised to high Monday 09:30: filing + 4 h is
    // Saturday 02:00, outside every window, so Monday 12:00 as on intake.
    expect(replan("2026-11-20T22:00", "2026-11-23T09:30", "low", "high")).toEqual({
      dueAt: "2026-11-23T09:00:00+01:00",
      slaDeadline: "2026-11-23T12:00:00+01:00",
    });
  });

  it("counts from now when the deadline from filing has passed, into the next safe window", () => {
    // Raised Monday 13:00: Monday 12:00 has passed; 13:00 + 4 h is outside the windows → Tuesday 12:00.
    expect(replan("2026-11-20T22:00", "2026-11-23T13:00", "low", "high")).toEqual({
      dueAt: "2026-11-23T09:00:00+01:00",
      slaDeadline: "2026-11-24T12:00:00+01:00",
    });
  });

  it("brings a later due time (a retry after a failed attempt) forward to the next safe moment", () => {
    // A failed attempt Monday 09:10 re-dued the task Tuesday 09:00; raised Monday 11:00 (in the window).
    const result = replanForRaisedRisk({
      filedAt: local("2026-11-20T22:00"),
      now: local("2026-11-23T11:00"),
      riskLevel: "high",
      windows: weekdayMornings,
      zone: BRUSSELS,
      policy: DEFAULT_POLICY,
      current: { dueAt: local("2026-11-24T09:00"), slaDeadline: local("2026-11-24T12:00") },
    });
    expect(show(result.dueAt)).toBe("2026-11-23T11:00:00+01:00");
    expect(show(result.slaDeadline)).toBe("2026-11-23T12:00:00+01:00");
  });

  it("never moves a deadline later than the one already planned", () => {
    // Filed Monday 10:00 medium, no windows: deadline Tuesday 10:00. Raised Tuesday 09:00: from filing
    // (Monday 14:00) has passed, from now would be 13:00, later than Tuesday 10:00: it stays.
    expect(replan("2026-11-23T10:00", "2026-11-24T09:00", "medium", "high", [])).toEqual({
      dueAt: "2026-11-23T10:00:00+01:00",
      slaDeadline: "2026-11-24T10:00:00+01:00",
    });
  });

  it("counts elapsed hours across the fall-back night (CEST → CET)", () => {
    // Raised Sunday 25 October 2026 00:30 CEST: 4 real hours later is 03:30 CET, 3 hours on the wall clock.
    expect(replan("2026-10-24T12:00", "2026-10-25T00:30", "low", "high", []).slaDeadline).toBe(
      "2026-10-25T03:30:00+01:00",
    );
  });

  it("counts elapsed hours across the spring-forward night (CET → CEST)", () => {
    // Raised Sunday 29 March 2026 00:30 CET: 4 real hours later is 05:30 CEST.
    expect(replan("2026-03-28T12:00", "2026-03-29T00:30", "low", "high", []).slaDeadline).toBe(
      "2026-03-29T05:30:00+02:00",
    );
  });
});
