// A coordinator rewrites a directory entry.
import { NotFound, recordAudit, writeVerb } from "@relais/service-kit";
import { eq } from "drizzle-orm";
import { type PartnerRow, partnerColumns, partnerOf, writeMunicipalities } from "../db/directory.js";
import { directoryPartners } from "../db/schema.js";
import type { PartnerInput } from "../domain/directory-input.js";
import { checkedMunicipalities } from "./create-partner.js";
import type { Ctx } from "./deps.js";

export async function updatePartner(
  ctx: Ctx,
  { id, input }: { id: string; input: PartnerInput },
): Promise<PartnerRow> {
  const municipalities = checkedMunicipalities(input);
  const now = ctx.clock.now();
  return writeVerb(ctx, async (tx) => {
    if (!(await partnerOf(tx, ctx.principal.org, id))) throw new NotFound("No such partner");
    await tx
      .update(directoryPartners)
      .set({ ...partnerColumns(input, municipalities), updatedAt: now.toISOString() })
      .where(eq(directoryPartners.id, id));
    await writeMunicipalities(tx, ctx.principal.org, id, municipalities);
    await recordAudit(tx, {
      principal: ctx.principal,
      action: "partner.update",
      recordType: "partner",
      recordId: id,
      requestId: ctx.requestId,
      at: now,
    });
    return (await partnerOf(tx, ctx.principal.org, id)) as PartnerRow;
  });
}
