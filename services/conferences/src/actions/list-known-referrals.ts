// The referrals the organisation may put on an agenda, newest first.
import { desc, eq } from "drizzle-orm";
import { referralIndex } from "../db/schema.js";
import type { Ctx } from "./deps.js";

export async function listKnownReferrals(ctx: Ctx, { limit }: { limit: number }) {
  return ctx.database.db
    .select()
    .from(referralIndex)
    .where(eq(referralIndex.orgId, ctx.principal.org))
    .orderBy(desc(referralIndex.receivedAt))
    .limit(limit);
}
