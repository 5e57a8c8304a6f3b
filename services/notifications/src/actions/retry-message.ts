// A failed message goes back in the queue with a fresh attempt budget. Only failed ones: anything
// else is on its way, done, or deliberately not sent.
import { audit, Conflict, NotFound, writeVerb } from "@relais/service-kit";
import { and, eq } from "drizzle-orm";
import { findMessage, type MessageRow } from "../db/messages.js";
import { messages } from "../db/schema.js";
import type { RequestContext } from "./context.js";

export async function retryMessage(ctx: RequestContext, id: string): Promise<MessageRow> {
  const row = await findMessage(ctx.database.db, ctx.principal.org, id);
  if (!row) throw new NotFound("No message with this id");
  if (row.status !== "failed")
    throw new Conflict(`Only failed messages can be retried; this one is ${row.status}`, "not_failed");
  const at = ctx.clock.now().toISOString();
  return writeVerb(ctx, async (tx) => {
    const [result] = await tx
      .update(messages)
      .set({ status: "queued", nextAttemptAt: at, attempts: 0, leaseUntil: null, updatedAt: at })
      .where(and(eq(messages.id, id), eq(messages.status, "failed")))
      .returning();
    if (!result) throw new Conflict("The message changed meanwhile", "not_failed");
    await audit(tx, ctx, "message.retry", { type: "message", id });
    return result;
  });
}
