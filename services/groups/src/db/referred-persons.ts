// The role a referral gives a person in this organisation (victim or author), if one names them.
import type { PersonRole } from "@relais/contracts";
import type { Executor } from "@relais/db";
import { and, eq } from "drizzle-orm";
import { referredPersons } from "./schema.js";

export async function referredRole(
  tx: Executor,
  orgId: string,
  personRef: string,
): Promise<PersonRole | null> {
  const [row] = await tx
    .select({ role: referredPersons.role })
    .from(referredPersons)
    .where(and(eq(referredPersons.orgId, orgId), eq(referredPersons.personRef, personRef)));
  return row?.role ?? null;
}
