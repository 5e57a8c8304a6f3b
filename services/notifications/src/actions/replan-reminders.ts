// Brings one participant's reminder rows in one group in line with the series (reconcileReminders).
import { newId, type SeriesSnapshot } from "@relais/contracts";
import { equalsParams, prepared } from "@relais/db";
import { eq, inArray, sql } from "drizzle-orm";
import { reminders } from "../db/schema.js";
import { allowedChannels, type Contact } from "../domain/contact.js";
import { reconcileReminders } from "../domain/reminder-plan.js";
import type { TxContext } from "./context.js";

const PLANNED_COLUMNS = [
  "id",
  "orgId",
  "groupId",
  "sessionId",
  "personRef",
  "channel",
  "offsetMinutes",
  "dueAt",
  "status",
  "updatedAt",
] as const;

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
  // Every enrolment re-plans: the read and the insert below have their SQL built once.
  const existing = await prepared(tx, "notifications.reminders", (d) =>
    d
      .select()
      .from(reminders)
      .where(equalsParams(reminders, ["groupId", "personRef"])),
  ).all({ groupId: input.series.groupId, personRef: input.personRef });
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
    // One kept statement per row: a series' rows vary in number, and building a many-row INSERT
    // each time cost more than running the kept one once a row.
    const insert = prepared(tx, "notifications.planReminder", (d) =>
      d
        .insert(reminders)
        .values(Object.fromEntries(PLANNED_COLUMNS.map((key) => [key, sql.placeholder(key)])) as never)
        .onConflictDoNothing(),
    );
    for (const r of changes.insert) {
      await insert.run({
        id: newId(),
        orgId: input.orgId,
        groupId: input.series.groupId,
        sessionId: r.sessionId,
        personRef: input.personRef,
        channel: r.channel,
        offsetMinutes: r.offsetMinutes,
        dueAt: r.dueAt.toISOString(),
        status: "pending",
        updatedAt: at,
      });
    }
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
