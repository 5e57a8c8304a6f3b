// Records what became of leased messages, with their `notifications.message.sent` / `.failed`
// events, in the caller's transaction. Only rows still leased to the claim that sent them change:
// a row whose lease lapsed and was taken over belongs to the newer claim.
import { enqueue } from "@relais/bus";
import { createEvent, type Envelope, MessageFailed, MessageSent } from "@relais/contracts";
import type { Tx } from "@relais/db";
import { backoffDelay } from "@relais/service-kit";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { MessageRow } from "./messages.js";
import { messages } from "./schema.js";

export type Outcome =
  | { kind: "sent"; providerId: string }
  | { kind: "suppressed"; reason: string }
  /** Not sent yet, and not an attempt (a safe window): due again at `until`. */
  | { kind: "held"; until: Date; reason: string }
  /** `permanent` ones are not retried; the others are, until the attempts run out. */
  | { kind: "error"; error: { message: string; permanent: boolean } };

export interface RetryPolicy {
  maxAttempts: number;
  retryBaseMs: number;
}

/** Retries wait doubling from RETRY_BASE_MS, never more than this. */
const RETRY_CAP_MS = 6 * 3_600_000;

export async function recordOutcomes(
  tx: Tx,
  entries: Array<{ row: MessageRow; outcome: Outcome }>,
  input: RetryPolicy & { now: Date },
): Promise<void> {
  const events: Envelope[] = [];
  const sent = entries.flatMap(({ row, outcome }) => (outcome.kind === "sent" ? [{ row, outcome }] : []));
  await writeSent(tx, sent, input.now, events);
  for (const { row, outcome } of entries)
    if (outcome.kind !== "sent") await writeOutcome(tx, row, outcome, input, events);
  await enqueue(tx, ...events);
}

/**
 * The common outcome, in one UPDATE per lease (rows claimed together share it): only rows still
 * leased to this claim become sent, and only they get their event.
 */
async function writeSent(
  tx: Tx,
  sent: Array<{ row: MessageRow; outcome: Extract<Outcome, { kind: "sent" }> }>,
  now: Date,
  events: Envelope[],
): Promise<void> {
  const at = now.toISOString();
  const byLease = new Map<string, typeof sent>();
  for (const entry of sent) {
    const lease = entry.row.leaseUntil ?? "";
    byLease.set(lease, [...(byLease.get(lease) ?? []), entry]);
  }
  for (const [lease, entries] of byLease) {
    const providerId = sql`case ${messages.id} ${sql.join(
      entries.map(({ row, outcome }) => sql`when ${row.id} then ${outcome.providerId || null}`),
      sql` `,
    )} end`;
    const updated = await tx
      .update(messages)
      .set({ status: "sent", providerId, reason: null, leaseUntil: null, sentAt: at, updatedAt: at })
      .where(
        and(
          inArray(
            messages.id,
            entries.map(({ row }) => row.id),
          ),
          eq(messages.status, "sending"),
          eq(messages.leaseUntil, lease),
        ),
      )
      .returning({ id: messages.id });
    const ours = new Set(updated.map((row) => row.id));
    for (const { row, outcome } of entries) {
      if (!ours.has(row.id)) continue;
      events.push(
        createEvent(MessageSent, {
          orgId: row.orgId,
          source: "notifications",
          data: { ...eventRef(row), providerId: outcome.providerId || undefined },
        }),
      );
    }
  }
}

function eventRef(row: MessageRow) {
  return {
    messageId: row.id,
    channel: row.channel,
    template: row.template,
    ...(row.personRef ? { personRef: row.personRef } : {}),
    attempts: row.attempts,
  };
}

async function writeOutcome(
  tx: Tx,
  row: MessageRow,
  outcome: Exclude<Outcome, { kind: "sent" }>,
  input: RetryPolicy & { now: Date },
  events: Envelope[],
): Promise<void> {
  const { now } = input;
  const at = now.toISOString();
  const ours = and(
    eq(messages.id, row.id),
    eq(messages.status, "sending"),
    eq(messages.leaseUntil, row.leaseUntil ?? ""),
  );
  switch (outcome.kind) {
    case "suppressed":
      await tx
        .update(messages)
        .set({ status: "suppressed", reason: outcome.reason, leaseUntil: null, updatedAt: at })
        .where(ours);
      return;
    case "held":
      // Waiting is not an attempt.
      await tx
        .update(messages)
        .set({
          status: "queued",
          reason: outcome.reason,
          nextAttemptAt: outcome.until.toISOString(),
          attempts: row.attempts - 1,
          leaseUntil: null,
          updatedAt: at,
        })
        .where(ours);
      return;
    case "error": {
      const final = outcome.error.permanent || row.attempts >= input.maxAttempts;
      if (!final) {
        const retryAt = new Date(
          now.getTime() + backoffDelay(row.attempts, { baseMs: input.retryBaseMs, capMs: RETRY_CAP_MS }),
        );
        await tx
          .update(messages)
          .set({
            status: "queued",
            reason: outcome.error.message,
            nextAttemptAt: retryAt.toISOString(),
            leaseUntil: null,
            updatedAt: at,
          })
          .where(ours);
        return;
      }
      const updated = await tx
        .update(messages)
        .set({ status: "failed", reason: outcome.error.message, leaseUntil: null, updatedAt: at })
        .where(ours)
        .returning({ id: messages.id });
      if (updated.length > 0)
        events.push(
          createEvent(MessageFailed, {
            orgId: row.orgId,
            source: "notifications",
            data: { ...eventRef(row), reason: outcome.error.message },
          }),
        );
    }
  }
}
