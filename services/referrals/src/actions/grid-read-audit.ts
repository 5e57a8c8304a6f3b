// Every read of a grid version is on the organisation's trail.
import { recordAudit } from "@relais/service-kit";
import type { Ctx } from "./deps.js";

export async function auditGridRead(ctx: Ctx, recordId: string) {
  const { principal, requestId } = ctx;
  await ctx.database.write((tx) =>
    recordAudit(tx, {
      principal,
      action: "criticality_grid.read",
      recordType: "criticality_grid",
      recordId,
      requestId,
      at: ctx.clock.now(),
    }),
  );
}
