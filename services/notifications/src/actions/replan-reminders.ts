// Brings one participant's reminder rows in one group in line with the series (reconcileReminders).
import { newId, type SeriesSnapshot } from "@relais/contracts";
import { and, eq, inArray } from "drizzle-orm";
import { reminders } from "../db/schema.js";
import { allowedChannels, type Contact } from "../domain/contact.js";
import { reconcileReminders } from "../domain/reminder-plan.js";
import type { TxContext } from "./context.js";

export async function replanReminders(
  ctx: Pick<TxContext, "tx" | "settings">,
  input: {
    orgId: string;
    series: SeriesSnapshot;
    personRef: string;
    contact: Contact | null;
    enrolled: boolean;
    now: Date;
  },
): Promise<void> {
  const { tx } = ctx;
  const existing = await tx
    .select()
    .from(reminders)
    .where(and(eq(reminders.groupId, input.series.groupId), eq(reminders.personRef, input.personRef)));
  const channels = input.enrolled && input.contact ? allowedChannels(input.contact) : [];
  const changes = reconcileReminders({
    series: input.series,
    channels,
    offsetsMinutes: ctx.settings.reminderOffsetsMinutes,
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
