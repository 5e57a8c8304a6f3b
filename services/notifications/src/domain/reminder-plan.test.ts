import type { SeriesSnapshot } from "@relais/contracts";
import { describe, expect, it } from "vitest";
import { planReminders, reconcileReminders } from "./reminder-plan.js";

const series = {
  groupId: "g",
  sessions: [
    {
      sessionId: "s1",
      startsAt: "2026-03-03T17:00:00Z",
      endsAt: "2026-03-03T19:00:00Z",
      originalStartsAt: "2026-03-03T17:00:00Z",
      status: "scheduled",
    },
    {
      sessionId: "s2",
      startsAt: "2026-03-10T17:00:00Z",
      endsAt: "2026-03-10T19:00:00Z",
      originalStartsAt: "2026-03-10T17:00:00Z",
      status: "scheduled",
    },
  ],
} as unknown as SeriesSnapshot;

describe("reminder planning", () => {
  it("plans each future session, channel and offset, skipping moments already past", () => {
    const planned = planReminders({
      series,
      channels: ["email", "sms"],
      offsetsMinutes: [1440, 120],
      now: new Date("2026-03-02T18:00:00Z"),
    });
    // s1's 24 h reminder was due at 17:00 the day before: past.
    expect(planned.map((p) => `${p.sessionId}/${p.channel}/${p.offsetMinutes}`)).toEqual([
      "s1/email/120",
      "s1/sms/120",
      "s2/email/1440",
      "s2/email/120",
      "s2/sms/1440",
      "s2/sms/120",
    ]);
  });

  it("moves reminders of a moved session, re-arming ones already sent, and drops a cancelled session's", () => {
    const now = new Date("2026-03-01T00:00:00Z");
    const existing = [
      {
        id: "a",
        sessionId: "s1",
        channel: "email" as const,
        offsetMinutes: 120,
        dueAt: "2026-03-03T15:00:00.000Z",
        status: "done" as const,
      },
      {
        id: "b",
        sessionId: "s2",
        channel: "email" as const,
        offsetMinutes: 120,
        dueAt: "2026-03-10T15:00:00.000Z",
        status: "pending" as const,
      },
    ];
    const changed = {
      ...series,
      sessions: [
        { ...series.sessions[0]!, startsAt: "2026-03-03T18:00:00Z", status: "moved" as const },
        { ...series.sessions[1]!, status: "cancelled" as const },
      ],
    };
    const changes = reconcileReminders({
      series: changed,
      channels: ["email"],
      offsetsMinutes: [120],
      existing,
      now,
    });
    expect(changes.reschedule).toEqual([{ id: "a", dueAt: new Date("2026-03-03T16:00:00Z") }]);
    expect(changes.drop).toEqual([{ id: "b", reason: "session_cancelled" }]);
    expect(changes.insert).toEqual([]);
  });
});
