// A facilitator marks a safety check-in done: it leaves their to-do list.
import { rowByParams } from "@relais/db";
import { audit, Conflict, NotFound, writeVerb } from "@relais/service-kit";
import { and, eq } from "drizzle-orm";
import { groupFacilitators, safetyCheckIns } from "../db/schema.js";
import type { Ctx } from "./context.js";

export async function resolveCheckIn(ctx: Ctx, { id }: { id: string }): Promise<void> {
  const { principal } = ctx;
  await writeVerb(ctx, async (tx) => {
    const row = await rowByParams(tx, "groups.checkIn", safetyCheckIns, { id, orgId: principal.org });
    const runs =
      row &&
      (principal.roles.includes("coordinator") ||
        (
          await tx
            .select()
            .from(groupFacilitators)
            .where(and(eq(groupFacilitators.groupId, row.groupId), eq(groupFacilitators.sub, principal.sub)))
        ).length > 0);
    if (!row || !runs) throw new NotFound("No such check-in");
    if (row.status !== "open") throw new Conflict(`This check-in is ${row.status}`, "check_in_closed");
    await tx
      .update(safetyCheckIns)
      .set({ status: "done", resolvedAt: ctx.clock.now().toISOString(), resolvedBy: principal.sub })
      .where(eq(safetyCheckIns.id, id));
    await audit(tx, ctx, "check_in.resolve", { type: "check_in", id });
  });
}
