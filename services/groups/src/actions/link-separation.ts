import { audit, writeVerb } from "@relais/service-kit";
import { separations } from "../db/schema.js";
import type { Ctx } from "./context.js";

export interface Separation {
  personRef: string;
  otherPersonRef: string;
  referralId: string;
  createdAt: string;
}

export async function linkSeparation(
  ctx: Ctx,
  input: { personRef: string; otherPersonRef: string; referralId?: string },
): Promise<Separation> {
  const { principal } = ctx;
  const createdAt = ctx.clock.now().toISOString();
  const referralId = input.referralId ?? "manual";
  const link: Separation = {
    personRef: input.personRef,
    otherPersonRef: input.otherPersonRef,
    referralId,
    createdAt,
  };
  return writeVerb(ctx, async (tx, authorised) => {
    // Only the role is checked (in the route); every coordinator may see a separation.
    await authorised();
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
    await audit(tx, ctx, "separation.create", { type: "person", id: input.personRef });
    return link;
  });
}
