// Timestamps as the service stores them (toISOString), which compare as strings.
import { describe, expect, it } from "vitest";
import { breached, percentile, riskFigures, type SlaTask, teamLoads } from "./sla-overview.js";

const now = new Date("2026-11-23T10:00:00.000Z");
const task = (over: Partial<SlaTask>): SlaTask => ({
  team: "a-victims",
  routed: true,
  riskLevel: "high",
  status: "open",
  outcome: null,
  createdAt: "2026-11-23T08:00:00.000Z",
  dueAt: "2026-11-23T08:00:00.000Z",
  slaDeadline: "2026-11-23T12:00:00.000Z",
  reachedAt: null,
  ...over,
});

describe("the SLA overview's rules", () => {
  it("takes percentiles by nearest rank, none of an empty list", () => {
    expect(percentile([], 50)).toBeNull();
    expect(percentile([7], 90)).toBe(7);
    expect(percentile([1, 2, 3, 4], 50)).toBe(2);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 90)).toBe(10);
  });

  it("puts each open task in one bucket: overdue, due now, due soon, or later", () => {
    const loads = teamLoads(
      [
        task({ slaDeadline: "2026-11-23T09:59:00.000Z" }),
        // Reached but still open (an outcome to record): not overdue, even past the deadline.
        task({ slaDeadline: "2026-11-23T09:00:00.000Z", reachedAt: "2026-11-23T08:30:00.000Z" }),
        task({ dueAt: "2026-11-23T11:30:00.000Z" }),
        task({ dueAt: "2026-11-23T12:30:00.000Z", team: "b-authors" }),
        task({ status: "closed", team: "c" }),
      ],
      now,
      2 * 3_600_000,
    );
    expect(loads).toEqual([
      { team: "a-victims", open: 3, dueNow: 1, dueSoon: 1, overdue: 1 },
      { team: "b-authors", open: 1, dueNow: 0, dueSoon: 0, overdue: 0 },
    ]);
  });

  it("counts a late first contact, an unreachable person and an open task past its deadline as breaches", () => {
    expect(breached(task({ reachedAt: "2026-11-23T12:00:01.000Z" }), now)).toBe(true);
    expect(breached(task({ reachedAt: "2026-11-23T12:00:00.000Z" }), now)).toBe(false);
    expect(breached(task({ status: "closed", outcome: "unreachable" }), now)).toBe(true);
    expect(breached(task({ status: "closed", outcome: "declined" }), now)).toBe(false);
    expect(breached(task({ slaDeadline: "2026-11-23T10:00:00.000Z" }), now)).toBe(true);
    expect(breached(task({}), now)).toBe(false);
  });

  it("gives each risk level its minutes to first contact against its SLA", () => {
    const figures = riskFigures(
      [
        task({ reachedAt: "2026-11-23T08:30:00.000Z" }),
        task({ reachedAt: "2026-11-23T13:00:00.000Z" }),
        task({ riskLevel: "low" }),
      ],
      { high: 4, medium: 24, low: 72 },
      now,
    );
    expect(figures).toEqual([
      {
        riskLevel: "high",
        slaHours: 4,
        tasks: 2,
        reached: 2,
        medianMinutes: 30,
        p90Minutes: 300,
        withinSla: 1,
        breached: 1,
      },
      {
        riskLevel: "medium",
        slaHours: 24,
        tasks: 0,
        reached: 0,
        medianMinutes: null,
        p90Minutes: null,
        withinSla: 0,
        breached: 0,
      },
      {
        riskLevel: "low",
        slaHours: 72,
        tasks: 1,
        reached: 0,
        medianMinutes: null,
        p90Minutes: null,
        withinSla: 0,
        breached: 0,
      },
    ]);
  });
});
