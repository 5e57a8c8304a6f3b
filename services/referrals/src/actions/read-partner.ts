// One directory entry, archived ones too: past outcomes name them.
import { type Caller, NotFound } from "@relais/service-kit";
import { type PartnerRow, partnerOf } from "../db/directory.js";
import type { Deps } from "./deps.js";

export async function readPartner(
  ctx: Pick<Deps, "database"> & Caller,
  { id }: { id: string },
): Promise<PartnerRow> {
  const row = await partnerOf(ctx.database.db, ctx.principal.org, id);
  if (!row) throw new NotFound("No such partner");
  return row;
}
