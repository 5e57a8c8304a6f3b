// Which reminders a participant should get for a series: one per future session, channel and offset.
import type { SeriesSnapshot } from "@relais/contracts";

export type ReminderChannel = "email" | "sms";

export interface PlannedReminder {
  sessionId: string;
  channel: ReminderChannel;
  offsetMinutes: number;
  dueAt: Date;
}

export function planReminders(input: {
  series: SeriesSnapshot;
  channels: ReminderChannel[];
  offsetsMinutes: number[];
  now: Date;
}): PlannedReminder[] {
  const planned: PlannedReminder[] = [];
  for (const session of input.series.sessions) {
    if (session.status === "cancelled") continue;
    const startsAt = Date.parse(session.startsAt);
    if (startsAt <= input.now.getTime()) continue;
    for (const channel of input.channels) {
      for (const offsetMinutes of input.offsetsMinutes) {
        const dueAt = new Date(startsAt - offsetMinutes * 60_000);
        // A reminder whose moment passed before the person was enrolled would only be noise.
        if (dueAt.getTime() <= input.now.getTime()) continue;
        planned.push({ sessionId: session.sessionId, channel, offsetMinutes, dueAt });
      }
    }
  }
  return planned;
}

export interface ExistingReminder {
  id: string;
  sessionId: string;
  channel: ReminderChannel;
  offsetMinutes: number;
  dueAt: string;
  status: "pending" | "claimed" | "done" | "dropped";
}

export interface ReminderChanges {
  insert: PlannedReminder[];
  /** Rows to move to a new due time and plan again. */
  reschedule: Array<{ id: string; dueAt: Date }>;
  drop: Array<{ id: string; reason: string }>;
}

/**
 * Brings a participant's reminder rows in line with the series as it is now: a moved session's
 * reminders move (and go out again if they had gone), a cancelled session's are dropped.
 */
export function reconcileReminders(input: {
  series: SeriesSnapshot;
  channels: ReminderChannel[];
  offsetsMinutes: number[];
  existing: ExistingReminder[];
  now: Date;
}): ReminderChanges {
  const now = input.now.getTime();
  const key = (sessionId: string, channel: string, offset: number) => `${sessionId}|${channel}|${offset}`;
  const byKey = new Map(
    input.existing.map((row) => [key(row.sessionId, row.channel, row.offsetMinutes), row]),
  );
  const changes: ReminderChanges = { insert: [], reschedule: [], drop: [] };
  const wanted = new Set<string>();
  for (const session of input.series.sessions) {
    if (session.status === "cancelled") continue;
    const startsAt = Date.parse(session.startsAt);
    if (startsAt <= now) continue;
    for (const channel of input.channels) {
      for (const offsetMinutes of input.offsetsMinutes) {
        const k = key(session.sessionId, channel, offsetMinutes);
        wanted.add(k);
        const dueAt = new Date(startsAt - offsetMinutes * 60_000);
        const row = byKey.get(k);
        if (!row) {
          if (dueAt.getTime() > now)
            changes.insert.push({ sessionId: session.sessionId, channel, offsetMinutes, dueAt });
          continue;
        }
        if (Date.parse(row.dueAt) === dueAt.getTime()) continue;
        if (dueAt.getTime() > now) changes.reschedule.push({ id: row.id, dueAt });
        else if (row.status === "pending") changes.drop.push({ id: row.id, reason: "moved_past_due" });
      }
    }
  }
  for (const row of input.existing) {
    if (row.status !== "pending" && row.status !== "claimed") continue;
    if (wanted.has(key(row.sessionId, row.channel, row.offsetMinutes))) continue;
    const session = input.series.sessions.find((s) => s.sessionId === row.sessionId);
    changes.drop.push({
      id: row.id,
      reason: session?.status === "cancelled" ? "session_cancelled" : "not_planned",
    });
  }
  return changes;
}
