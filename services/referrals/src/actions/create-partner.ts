// A coordinator adds a partner service to the organisation's directory.
import { newId } from "@relais/contracts";
import { Invalid, recordAudit, writeVerb } from "@relais/service-kit";
import {
  distinctMunicipalities,
  type PartnerRow,
  partnerColumns,
  writeMunicipalities,
} from "../db/directory.js";
import { directoryPartners } from "../db/schema.js";
import type { PartnerInput } from "../domain/directory-input.js";
import type { Ctx } from "./deps.js";

/** The municipalities once each; 400 naming the one that is no name once normalised. */
export function checkedMunicipalities(input: PartnerInput) {
  const blank = input.municipalities.findIndex((name) => distinctMunicipalities([name]).length === 0);
  if (blank >= 0) {
    throw new Invalid("Not a municipality name", [
      { path: `municipalities.${blank}`, code: "blank", message: "Empty once normalised" },
    ]);
  }
  return distinctMunicipalities(input.municipalities);
}

export async function createPartner(ctx: Ctx, { input }: { input: PartnerInput }): Promise<PartnerRow> {
  const municipalities = checkedMunicipalities(input);
  const now = ctx.clock.now().toISOString();
  const row: PartnerRow = {
    id: `ptn_${newId()}`,
    orgId: ctx.principal.org,
    ...partnerColumns(input, municipalities),
    archivedAt: null,
    createdAt: now,
    updatedAt: now,
  };
  return writeVerb(ctx, async (tx, authorised) => {
    // Directory entries are the organisation's: a coordinator's key is theirs alone.
    await authorised(`sub:${ctx.principal.sub}`);
    await tx.insert(directoryPartners).values(row);
    await writeMunicipalities(tx, row.orgId, row.id, municipalities);
    await recordAudit(tx, {
      principal: ctx.principal,
      action: "partner.create",
      recordType: "partner",
      recordId: row.id,
      requestId: ctx.requestId,
      at: new Date(now),
    });
    return row;
  });
}
