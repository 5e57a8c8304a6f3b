// A message held for a contact that never came (no consent after all, a referral lost upstream)
// stops waiting when its `next_attempt_at` passes (CONTACT_WAIT_HOURS after it was held): it is
// suppressed `no_contact`, visible in the delivery log. Run by the reminders pump.
import type { Database } from "@relais/db";
import { and, eq, lte } from "drizzle-orm";
import { earliestIn, earliestOf } from "../db/earliest.js";
import type * as schema from "../db/schema.js";
import { messages } from "../db/schema.js";

export function createHeldExpiry(database: Database<typeof schema>) {
  const expired = (at: string) => and(eq(messages.status, "held"), lte(messages.nextAttemptAt, at));
  return {
    /** Suppresses every held message whose wait is over; resolves with how many. */
    async expire(now: Date): Promise<number> {
      const at = now.toISOString();
      // Read first, so an idle tick writes nothing (a commit would wake the loop again).
      const [any] = await database.db.select({ id: messages.id }).from(messages).where(expired(at)).limit(1);
      if (!any) return 0;
      const rows = await database.write((tx) =>
        tx
          .update(messages)
          .set({ status: "suppressed", reason: "no_contact", updatedAt: at })
          .where(expired(at))
          .returning({ id: messages.id }),
      );
      return rows.length;
    },
    /** When the first held message stops waiting. */
    async nextDue(): Promise<Date | null> {
      return earliestOf([
        await earliestIn(database.db, messages, messages.nextAttemptAt, eq(messages.status, "held")),
      ]);
    },
  };
}
