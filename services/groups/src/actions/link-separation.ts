import type { Database } from "@relais/db";
import { type Clock, type Principal, recordAudit } from "@relais/service-kit";
import { separations } from "../db/schema.js";

export async function linkSeparation(
  deps: { database: Database; clock: Clock },
  principal: Principal,
  input: { personRef: string; otherPersonRef: string; referralId?: string },
  requestId?: string,
) {
  const createdAt = deps.clock.now().toISOString();
  const referralId = input.referralId ?? "manual";
  await deps.database.write(async (tx) => {
    await tx
      .insert(separations)
      .values([
        {
          orgId: principal.org,
          personRef: input.personRef,
          otherPersonRef: input.otherPersonRef,
          referralId,
          createdAt,
        },
        {
          orgId: principal.org,
          personRef: input.otherPersonRef,
          otherPersonRef: input.personRef,
          referralId,
          createdAt,
        },
      ])
      .onConflictDoNothing();
    await recordAudit(tx, {
      principal,
      action: "separation.create",
      recordType: "person",
      recordId: input.personRef,
      requestId,
    });
  });
  return { personRef: input.personRef, otherPersonRef: input.otherPersonRef, referralId, createdAt };
}
