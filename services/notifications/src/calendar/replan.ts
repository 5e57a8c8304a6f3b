// Applies reconcileReminders to the reminder rows of one participant in one group.
import { newId, type SeriesSnapshot } from "@relais/contracts";
import type { Executor } from "@relais/db";
import { and, eq, inArray } from "drizzle-orm";
import { allowedChannels, type Contact } from "../contacts/contact-book.js";
import { reminders } from "../db/schema.js";
import { reconcileReminders } from "../domain/reminder-plan.js";

export async function replanReminders(
  tx: Executor,
  input: {
    orgId: string;
    series: SeriesSnapshot;
    personRef: string;
    contact: Contact | null;
    offsetsMinutes: number[];
    enrolled: boolean;
    now: Date;
  },
): Promise<void> {
  const existing = await tx
    .select()
    .from(reminders)
    .where(and(eq(reminders.groupId, input.series.groupId), eq(reminders.personRef, input.personRef)));
  const channels = input.enrolled && input.contact ? allowedChannels(input.contact) : [];
  const changes = reconcileReminders({
    series: input.series,
    channels,
    offsetsMinutes: input.offsetsMinutes,
    existing,
    now: input.now,
  });
  const at = input.now.toISOString();
  if (changes.insert.length > 0) {
    await tx
      .insert(reminders)
      .values(
        changes.insert.map((r) => ({
          id: newId(),
          orgId: input.orgId,
          groupId: input.series.groupId,
          sessionId: r.sessionId,
          personRef: input.personRef,
          channel: r.channel,
          offsetMinutes: r.offsetMinutes,
          dueAt: r.dueAt.toISOString(),
          status: "pending" as const,
          updatedAt: at,
        })),
      )
      .onConflictDoNothing();
  }
  for (const row of changes.reschedule) {
    await tx
      .update(reminders)
      .set({
        dueAt: row.dueAt.toISOString(),
        status: "pending",
        leaseUntil: null,
        reason: null,
        updatedAt: at,
      })
      .where(eq(reminders.id, row.id));
  }
  for (const reason of new Set(changes.drop.map((d) => d.reason))) {
    const ids = changes.drop.filter((d) => d.reason === reason).map((d) => d.id);
    await tx
      .update(reminders)
      .set({ status: "dropped", reason, leaseUntil: null, updatedAt: at })
      .where(inArray(reminders.id, ids));
  }
}
