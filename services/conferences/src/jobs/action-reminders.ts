// Reminds the owner of an overdue action, once: the action's `reminded_at` is set in the same
// transaction as the `conferences.action.overdue` event enters the outbox, guarded by
// `reminded_at IS NULL`, so neither a restart nor a second instance reminds twice.
import { enqueue } from "@relais/bus";
import { ActionOverdue, createEvent } from "@relais/contracts";
import type { Database } from "@relais/db";
import {
  type Clock,
  createPump,
  type Logger,
  type Pump,
  type RecipientSealer,
  type SealedBox,
} from "@relais/service-kit";
import { and, asc, eq, isNull, lte } from "drizzle-orm";
import type * as schema from "../db/schema.js";
import { actions, agendaItems, conferences, invitees } from "../db/schema.js";
import { audienceOf } from "../db/store.js";
import { canSeeItem } from "../domain/access.js";

export interface ReminderOptions {
  database: Database<typeof schema>;
  box: SealedBox;
  sealer: RecipientSealer;
  clock: Clock;
  logger: Logger;
  intervalMs?: number;
  batchSize?: number;
}

export function createActionReminders(options: ReminderOptions): Pump {
  const { database, clock } = options;
  const batchSize = options.batchSize ?? 50;

  async function work(): Promise<number> {
    const now = clock.now();
    const at = now.toISOString();
    return database.write(async (tx) => {
      const due = await tx
        .select({ action: actions, conference: conferences, owner: invitees, item: agendaItems })
        .from(actions)
        .innerJoin(conferences, eq(conferences.id, actions.conferenceId))
        .innerJoin(agendaItems, eq(agendaItems.id, actions.itemId))
        .innerJoin(invitees, eq(invitees.id, actions.ownerInviteeId))
        .where(and(eq(actions.status, "open"), isNull(actions.remindedAt), lte(actions.overdueAt, at)))
        .orderBy(asc(actions.overdueAt))
        .limit(batchSize);
      let sent = 0;
      for (const { action, conference, owner, item } of due) {
        const marked = await tx
          .update(actions)
          .set({ remindedAt: at })
          .where(and(eq(actions.id, action.id), isNull(actions.remindedAt)))
          .returning({ id: actions.id });
        if (marked.length === 0) continue;
        // An action of a cancelled conference, or whose owner was uninvited, is marked but not sent.
        if (conference.status === "cancelled" || owner.status !== "invited") continue;
        // Nor is one whose item was made confidential without its owner: it is no longer theirs.
        const ownerAlone = { kind: "invitee" as const, inviteeIds: new Set([owner.id]) };
        if (item.confidential && !canSeeItem(ownerAlone, item, await audienceOf(tx, item.id))) continue;
        await enqueue(
          tx,
          createEvent(ActionOverdue, {
            orgId: conference.orgId,
            source: "conferences",
            correlationId: action.id,
            occurredAt: now,
            data: {
              actionId: action.id,
              conferenceId: conference.id,
              conferenceTitle: conference.title,
              dueDate: action.dueDate,
              language: owner.language,
              sealed: options.sealer.seal({ email: options.box.open(owner.emailSealed) }, ActionOverdue.type),
            },
          }),
        );
        sent++;
      }
      return due.length === 0 ? 0 : Math.max(sent, 1);
    });
  }

  return createPump({
    name: "action reminders",
    work,
    intervalMs: options.intervalMs ?? 60_000,
    drain: false,
    now: () => clock.now().getTime(),
    onError: (error, retryInMs) => options.logger.warn({ err: error, retryInMs }, "action reminders failed"),
  });
}
