// A coordinator archives a directory entry (or brings it back). An archived entry stays for the
// outcomes that name it, and can no longer be picked for a new one.
import { NotFound, recordAudit, writeVerb } from "@relais/service-kit";
import { eq } from "drizzle-orm";
import { type PartnerRow, partnerOf } from "../db/directory.js";
import { directoryPartners } from "../db/schema.js";
import type { Ctx } from "./deps.js";

export async function setPartnerArchived(
  ctx: Ctx,
  { id, archived }: { id: string; archived: boolean },
): Promise<PartnerRow> {
  const now = ctx.clock.now();
  return writeVerb(ctx, async (tx) => {
    const row = await partnerOf(tx, ctx.principal.org, id);
    if (!row) throw new NotFound("No such partner");
    // Archiving twice keeps the first date; restoring a live entry changes nothing.
    if ((row.archivedAt !== null) === archived) return row;
    await tx
      .update(directoryPartners)
      .set({ archivedAt: archived ? now.toISOString() : null, updatedAt: now.toISOString() })
      .where(eq(directoryPartners.id, id));
    await recordAudit(tx, {
      principal: ctx.principal,
      action: archived ? "partner.archive" : "partner.restore",
      recordType: "partner",
      recordId: id,
      requestId: ctx.requestId,
      at: now,
    });
    return (await partnerOf(tx, ctx.principal.org, id)) as PartnerRow;
  });
}
