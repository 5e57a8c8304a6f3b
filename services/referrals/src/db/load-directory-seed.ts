// Loads the directory's example set into an organisation whose directory is still empty. Safe to
// run at every start: an organisation with any entry (example or its own, archived or not) is left
// alone, so a project that removed the examples never gets them back.
import { newId } from "@relais/contracts";
import { type Database, rowExists } from "@relais/db";
import { eq } from "drizzle-orm";
import { distinctMunicipalities, partnerColumns, writeMunicipalities } from "./directory.js";
import { EXAMPLE_PARTNERS } from "./directory-seed.js";
import type * as schema from "./schema.js";
import { directoryPartners } from "./schema.js";

export async function loadDirectorySeed(
  database: Database<typeof schema>,
  orgId: string,
  at: Date,
): Promise<number> {
  return database.write(async (tx) => {
    if (await rowExists(tx, directoryPartners, [eq(directoryPartners.orgId, orgId)])) return 0;
    for (const input of EXAMPLE_PARTNERS) {
      const municipalities = distinctMunicipalities(input.municipalities);
      const id = `ptn_${newId()}`;
      await tx.insert(directoryPartners).values({
        id,
        orgId,
        ...partnerColumns(input, municipalities),
        archivedAt: null,
        createdAt: at.toISOString(),
        updatedAt: at.toISOString(),
      });
      await writeMunicipalities(tx, orgId, id, municipalities);
    }
    return EXAMPLE_PARTNERS.length;
  });
}
