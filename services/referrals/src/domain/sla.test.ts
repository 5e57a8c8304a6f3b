import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY } from "./policy.js";
import { planFirstCallback } from "./sla.js";

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
