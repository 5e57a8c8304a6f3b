// One message of the delivery log with the address it went to: personal data, so the read is audited.
import { audit, NotFound, writeVerb } from "@relais/service-kit";
import { findMessage, type MessageRow, openPayload } from "../db/messages.js";
import type { RequestContext } from "./context.js";

export async function readMessage(
  ctx: RequestContext,
  id: string,
): Promise<{ row: MessageRow; recipient: string | null }> {
  const row = await findMessage(ctx.database.db, ctx.principal.org, id);
  if (!row) throw new NotFound("No message with this id");
  await writeVerb(ctx, (tx) => audit(tx, ctx, "message.read", { type: "message", id: row.id }));
  return { row, recipient: openPayload(ctx.box, row.sealed).to ?? null };
}
