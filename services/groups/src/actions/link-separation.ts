import type { Database } from "@relais/db";
import { type Clock, type Once, type Principal, recordAudit } from "@relais/service-kit";
import { separations } from "../db/schema.js";

export interface Separation {
  personRef: string;
  otherPersonRef: string;
  referralId: string;
  createdAt: string;
}

export async function linkSeparation(
  deps: { database: Database; clock: Clock },
  principal: Principal,
  input: { personRef: string; otherPersonRef: string; referralId?: string },
  requestId?: string,
  once?: Once<Separation>,
): Promise<Separation> {
  const createdAt = deps.clock.now().toISOString();
  const referralId = input.referralId ?? "manual";
  const link: Separation = {
    personRef: input.personRef,
    otherPersonRef: input.otherPersonRef,
    referralId,
    createdAt,
  };
  await deps.database.write(async (tx) => {
    // Only the role is checked (in the route); every coordinator may see a separation.
    await once?.check(tx);
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
    await once?.save(tx, link);
  });
  return link;
}
