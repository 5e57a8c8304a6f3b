// Sends due messages: claims a batch with a lease (`db/message-leases.ts`), delivers each message
// (`deliver-message.ts`) and records its outcome with its event (`db/message-outcomes.ts`).
//
// One worker per pooled connection, each sending a message then recording it before the next: so
// at most one accepted-but-unrecorded message per connection can be re-sent after a process crash.
// "Recorded" is committed, not yet synced to disk (`outcome-recorder.ts` says what that costs). A row
// is sent only while at least half its lease is left: when a batch goes out slower than that
// (a slow provider, a loaded machine), the leases of its rows not sent yet are renewed in one
// write, each only if it is still the lease it was claimed with; a row whose lease lapsed and was
// taken over by a later claim is left to that claim, so it is never sent twice. (Before, such a
// batch left every row past half its lease to a claim after the lease lapsed, a minute later.)
// The outcomes that are ready together share one commit (`outcome-recorder.ts`). The next batch is
// claimed while the current one is still going out, so the pool never waits on a claim, and a
// tick goes on until nothing is due.
import type { Database } from "@relais/db";
import type { Logger } from "@relais/service-kit";
import type { NotifyDeps } from "../actions/context.js";
import { DeliveryError } from "../adapters/delivery-error.js";
import type { Mailer } from "../adapters/mailer.js";
import type { SmsSender } from "../adapters/sms-gateway.js";
import { claimDueMessages, nextMessageDue, renewLeases } from "../db/message-leases.js";
import type { Outcome } from "../db/message-outcomes.js";
import type { MessageRow } from "../db/messages.js";
import type * as schema from "../db/schema.js";
import { type ClaimedMessage, createMessageSender, readClaimedBatch } from "./deliver-message.js";
import { createOutcomeRecorder } from "./outcome-recorder.js";

export interface DispatcherOptions extends NotifyDeps {
  database: Database<typeof schema>;
  logger: Logger;
  mailer: Mailer;
  sms: SmsSender | null;
  batch: number;
  leaseMs: number;
  maxAttempts: number;
  retryBaseMs: number;
  /** Sends in flight at once (the SMTP pool size). */
  concurrency: number;
}

export function createDispatcher(options: DispatcherOptions) {
  const { database, box, clock, logger } = options;
  const deliverMessage = createMessageSender({
    mailer: options.mailer,
    sms: options.sms,
    mailFrom: options.settings.mailFrom,
  });
  const recorder = createOutcomeRecorder({
    database,
    clock,
    logger,
    policy: { maxAttempts: options.maxAttempts, retryBaseMs: options.retryBaseMs },
  });

  /** The rows being sent until their outcome is committed: this process's claims leave them be. */
  const sending = new Set<string>();

  async function claim(): Promise<ClaimedMessage[]> {
    const rows = await claimDueMessages(database, {
      now: clock.now(),
      leaseMs: options.leaseMs,
      batch: options.batch,
      sending,
    });
    return rows.length > 0 ? readClaimedBatch(database.db, box, rows) : [];
  }

  /**
   * Whether the row's lease leaves at least half its length for the send: a send that starts
   * with less could outlast the lease while a new claim of the row is already sending it.
   */
  function leaseHoldsForASend(row: MessageRow): boolean {
    const until = row.leaseUntil ? Date.parse(row.leaseUntil) : Number.NaN;
    return until - clock.now().getTime() >= options.leaseMs / 2;
  }

  // One renewal at a time: the workers that find a short lease meanwhile wait for it.
  let renewing: Promise<void> | undefined;
  // The leases found taken over, as `id|lease` (a later claim of the same row is another lease).
  const lost = new Set<string>();
  const leaseKey = (row: MessageRow) => `${row.id}|${row.leaseUntil ?? ""}`;

  /**
   * Renews the short leases of `message` and of the claimed rows behind it in `queue`, and reads
   * again what their messages are built from, as a claim does: a reminder goes out from its
   * session as it is now, not as it was when the batch was claimed.
   */
  async function renew(message: ClaimedMessage, queue: ClaimedMessage[]): Promise<void> {
    const short = [message, ...queue].filter(({ row }) => !leaseHoldsForASend(row));
    try {
      const renewed = await renewLeases(
        database,
        short.map(({ row }) => row),
        { now: clock.now(), leaseMs: options.leaseMs },
      );
      const kept = short.filter(({ row }) => renewed.ids.has(row.id));
      const fresh = await readClaimedBatch(
        database.db,
        box,
        kept.map(({ row }) => ({ ...row, leaseUntil: renewed.leaseUntil })),
      );
      for (const message of short) if (!renewed.ids.has(message.row.id)) lost.add(leaseKey(message.row));
      for (const [i, message] of kept.entries()) Object.assign(message, fresh[i]);
    } catch (error) {
      // Not renewed (or not read again): the rows go to a claim once their lease lapses.
      logger.error({ err: error }, "could not renew leases");
      for (const { row } of short) lost.add(leaseKey(row));
    }
  }

  /** Whether the row may be sent now: its lease leaves half its length, renewed if need be. */
  async function holdLease(message: ClaimedMessage, queue: ClaimedMessage[]): Promise<boolean> {
    // Twice: a renewal already under way when this row's lease ran short may not have covered it.
    for (let round = 0; round < 2; round++) {
      if (lost.has(leaseKey(message.row))) return false;
      if (leaseHoldsForASend(message.row)) return true;
      renewing ??= renew(message, queue).finally(() => {
        renewing = undefined;
      });
      await renewing;
    }
    return !lost.has(leaseKey(message.row)) && leaseHoldsForASend(message.row);
  }

  /** Resolves once the outcome is committed, so a worker never has two accepted messages unrecorded. */
  async function sendAndRecord(message: ClaimedMessage): Promise<void> {
    const { row } = message;
    let outcome: Outcome;
    try {
      outcome = await deliverMessage(message, clock.now());
    } catch (error) {
      logger.error({ err: error, messageId: row.id }, "could not prepare message");
      outcome = {
        kind: "error",
        error: new DeliveryError("internal error while preparing the message", false),
      };
    }
    if (outcome.kind === "error")
      logger.warn(
        { messageId: row.id, attempts: row.attempts, reason: outcome.error.message },
        "send failed",
      );
    await recorder.record(row, outcome);
  }

  return {
    /**
     * Sends until nothing is due, or until `keepGoing` says stop (then it finishes what it has
     * claimed and claims no more); resolves with how many rows it claimed.
     */
    async tick(keepGoing: () => boolean = () => true): Promise<number> {
      const queue: ClaimedMessage[] = [];
      let claimed = 0;
      let exhausted = false;
      let failure: unknown;
      let claiming: Promise<void> | undefined;
      const refill = () => {
        claiming ??= claim()
          .then(
            (rows) => {
              queue.push(...rows);
              claimed += rows.length;
              if (rows.length === 0) exhausted = true;
            },
            (error: unknown) => {
              failure ??= error;
              exhausted = true;
            },
          )
          .finally(() => {
            claiming = undefined;
          });
        return claiming;
      };
      const worker = async () => {
        for (;;) {
          // Claim the next batch while the last few rows of this one are still going out.
          if (!keepGoing()) exhausted = true;
          if (!exhausted && queue.length <= options.concurrency) void refill();
          const next = queue.shift();
          if (next && !(await holdLease(next, queue))) {
            // A later claim (ours or another process's) holds this row now, and sending it here
            // too would send it twice. Leave it to that claim.
            logger.warn({ messageId: next.row.id }, "lease ran short before sending; left to the next claim");
            continue;
          }
          if (next) {
            // A row whose outcome could not be recorded keeps its lease and is taken over later.
            sending.add(next.row.id);
            await sendAndRecord(next)
              .catch((error: unknown) =>
                logger.error({ err: error, messageId: next.row.id }, "could not record the outcome"),
              )
              .finally(() => sending.delete(next.row.id));
            continue;
          }
          if (exhausted) return;
          await refill();
          if (exhausted && queue.length === 0) return;
        }
      };
      try {
        await Promise.all(Array.from({ length: options.concurrency }, worker));
      } finally {
        lost.clear();
      }
      if (failure) throw failure;
      return claimed;
    },
    nextDue: () => nextMessageDue(database),
  };
}

export type Dispatcher = ReturnType<typeof createDispatcher>;
