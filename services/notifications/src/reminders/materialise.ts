// Turns due reminder rows into messages. Rows are claimed with a lease in one UPDATE … RETURNING;
// each then becomes a queued message in a transaction that checks the lease is still ours, so a
// reminder yields one message however often the process dies. A reminder whose time passed while
// the service was down still goes out, unless its session has started.
import type { Database } from "@relais/db";
import { and, asc, eq, inArray, lt, lte, or } from "drizzle-orm";
import { findInvite } from "../calendar/invites.js";
import { loadSeries } from "../calendar/series-store.js";
import { loadContact } from "../contacts/contact-book.js";
import type * as schema from "../db/schema.js";
import { messages, reminders } from "../db/schema.js";
import { queueMessage } from "../delivery/queue.js";
import type { NotifyDeps } from "../settings.js";

type Row = typeof reminders.$inferSelect;

export function createReminderScheduler(
  options: NotifyDeps & { database: Database<typeof schema>; batch: number; leaseMs: number },
) {
  const { database, box, clock } = options;

  async function claim(): Promise<Row[]> {
    const now = clock.now();
    const at = now.toISOString();
    const leaseUntil = new Date(now.getTime() + options.leaseMs).toISOString();
    return database.write((tx) =>
      tx
        .update(reminders)
        .set({ status: "claimed", leaseUntil, updatedAt: at })
        .where(
          inArray(
            reminders.id,
            tx
              .select({ id: reminders.id })
              .from(reminders)
              .where(
                or(
                  and(eq(reminders.status, "pending"), lte(reminders.dueAt, at)),
                  and(eq(reminders.status, "claimed"), lt(reminders.leaseUntil, at)),
                ),
              )
              .orderBy(asc(reminders.dueAt))
              .limit(options.batch),
          ),
        )
        .returning(),
    );
  }

  async function materialise(row: Row): Promise<void> {
    const now = clock.now();
    const at = now.toISOString();
    await database.write(async (tx) => {
      const ours = and(
        eq(reminders.id, row.id),
        eq(reminders.status, "claimed"),
        eq(reminders.leaseUntil, row.leaseUntil ?? ""),
      );
      const finish = (status: "done" | "dropped", reason: string | null) =>
        tx
          .update(reminders)
          .set({ status, reason, leaseUntil: null, updatedAt: at })
          .where(ours)
          .returning({ id: reminders.id });

      const series = await loadSeries(tx, row.groupId);
      const session = series?.sessions.find((s) => s.sessionId === row.sessionId);
      const invite = await findInvite(tx, row.groupId, row.personRef);
      if (!series || !session || session.status === "cancelled")
        return void (await finish("dropped", "session_cancelled"));
      if (Date.parse(session.startsAt) <= now.getTime())
        return void (await finish("dropped", "session_started"));
      if (invite?.status !== "enrolled") return void (await finish("dropped", "not_enrolled"));
      if ((await finish("done", null)).length === 0) return; // another process took it over

      const contact = await loadContact(tx, box, row.personRef);
      const reminderRef = `${row.id}@${row.dueAt}`;
      const [already] = await tx
        .select({ id: messages.id })
        .from(messages)
        .where(eq(messages.reminderId, reminderRef))
        .limit(1);
      if (already) return;
      const to = row.channel === "email" ? contact?.email : contact?.phone;
      await queueMessage(tx, box, {
        orgId: row.orgId,
        personRef: row.personRef,
        channel: row.channel,
        template: "session_reminder",
        language: contact?.language ?? series.language,
        discreet: contact?.preferences.discreet ?? true,
        payload: {
          to: to ?? null,
          params: {},
          reminder: {
            groupId: row.groupId,
            sessionId: row.sessionId,
            plannedStartsAt: session.startsAt,
            timeZone: series.timeZone,
          },
        },
        suppressed: contact ? undefined : "no_contact",
        reminderRef,
        now,
      });
    });
  }

  return {
    async tick(): Promise<number> {
      const rows = await claim();
      for (const row of rows) await materialise(row);
      return rows.length;
    },
  };
}

export type ReminderScheduler = ReturnType<typeof createReminderScheduler>;
