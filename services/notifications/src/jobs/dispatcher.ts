// Sends due messages: claims a batch with a lease (`db/message-leases.ts`), delivers each message
// (`deliver-message.ts`) and records its outcome with its event (`db/message-outcomes.ts`).
//
// One worker per pooled connection, each sending a message then recording it before the next: so
// at most one accepted-but-unrecorded message per connection can be re-sent after a crash. A row
// is sent only while at least half its lease is left, so a batch slower than its lease never
// sends a row that a later claim has taken over. The outcomes that are ready together share one
// commit (`outcome-recorder.ts`). The next batch is claimed while the current one is still going
// out, so the pool never waits on a claim, and a tick goes on until nothing is due.
import type { Database } from "@relais/db";
import type { Logger } from "@relais/service-kit";
import type { NotifyDeps } from "../actions/context.js";
import { DeliveryError } from "../adapters/delivery-error.js";
import type { Mailer } from "../adapters/mailer.js";
import type { SmsSender } from "../adapters/sms-gateway.js";
import { claimDueMessages, nextMessageDue } from "../db/message-leases.js";
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
    policy: { maxAttempts: options.maxAttempts, retryBaseMs: options.retryBaseMs },
  });

  async function claim(): Promise<ClaimedMessage[]> {
    const rows = await claimDueMessages(database, {
      now: clock.now(),
      leaseMs: options.leaseMs,
      batch: options.batch,
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
          if (next && !leaseHoldsForASend(next.row)) {
            // A slow batch outlived its lease: a later claim (ours or another process's) may hold
            // this row now, and sending it here too would send it twice. Leave it to that claim.
            logger.warn({ messageId: next.row.id }, "lease ran short before sending; left to the next claim");
            continue;
          }
          if (next) {
            // A row whose outcome could not be recorded keeps its lease and is taken over later.
            await recorder
              .busyWith(() => sendAndRecord(next))
              .catch((error: unknown) =>
                logger.error({ err: error, messageId: next.row.id }, "could not record the outcome"),
              );
            continue;
          }
          if (exhausted) return;
          await refill();
          if (exhausted && queue.length === 0) return;
        }
      };
      await Promise.all(Array.from({ length: options.concurrency }, worker));
      if (failure) throw failure;
      return claimed;
    },
    nextDue: () => nextMessageDue(database),
  };
}

export type Dispatcher = ReturnType<typeof createDispatcher>;
