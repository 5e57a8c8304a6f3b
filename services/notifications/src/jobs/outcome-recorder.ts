// Commits the dispatcher's outcomes in shared transactions, and answers each worker once its
// outcome is COMMITTED: in the WAL, which a killed process keeps. The WAL's sync to disk follows
// off the worker's path (`Database.writeCommitted`), so a send's cycle is its SMTP round trip plus
// a commit, not plus an fsync (docs/architecture.md, "Durable before answered, without stalling":
// a restart re-sends at most one message per connection; only an OS crash or a power cut between
// the commit and its sync can re-send a few more, with the same Message-ID). The events an
// outcome carries are published only once it is durable, as for every write.
//
// One commit at a time: outcomes that come in while one is being written share the next. (A
// wait for every busy worker's outcome, as before, put the pool in lock step: each round went at
// the pace of its slowest send, and the fan-out at half nodemailer's own rate.)
import type { Database } from "@relais/db";
import type { Clock, Logger } from "@relais/service-kit";
import { type Outcome, type RetryPolicy, recordOutcomes } from "../db/message-outcomes.js";
import type { MessageRow } from "../db/messages.js";
import type * as schema from "../db/schema.js";

export function createOutcomeRecorder(options: {
  database: Database<typeof schema>;
  clock: Clock;
  logger: Logger;
  policy: RetryPolicy;
}) {
  const pending: Array<{ row: MessageRow; outcome: Outcome; done: (error?: unknown) => void }> = [];
  let flushing = false;

  async function flush(): Promise<void> {
    flushing = true;
    const batch = pending.splice(0);
    try {
      const now = options.clock.now();
      const { committed, durable } = options.database.writeCommitted((tx) =>
        recordOutcomes(tx, batch, { ...options.policy, now }),
      );
      // Committed but not synced: the rows stay sent after a restart; only a power cut could
      // take them back (and their messages then go again, with the same Message-ID).
      durable.catch((error: unknown) =>
        options.logger.error(
          { err: error, messageIds: batch.map(({ row }) => row.id) },
          "outcomes committed but their WAL sync failed",
        ),
      );
      await committed;
      for (const entry of batch) entry.done();
    } catch (error) {
      for (const entry of batch) entry.done(error ?? new Error("could not record"));
    } finally {
      flushing = false;
      if (pending.length > 0) void flush();
    }
  }

  return {
    /** Resolves once the outcome is committed (not yet synced: see above). */
    record(row: MessageRow, outcome: Outcome): Promise<void> {
      return new Promise<void>((resolve, reject) => {
        pending.push({ row, outcome, done: (error) => (error === undefined ? resolve() : reject(error)) });
        if (!flushing) void flush();
      });
    },
  };
}
