// The filing police zone's list of its referrals: status and date of first contact only, newest
// first. Never persons, names, contact details or notes.
import { ReferralStatus } from "@relais/contracts";
import { decodeCursor, encodeCursor } from "@relais/service-kit";
import { and, desc, eq, lt, or } from "drizzle-orm";
import { z } from "zod";
import { referrals } from "../db/schema.js";
import type { Ctx } from "./deps.js";

const FeedbackCursor = z.object({ createdAt: z.string(), id: z.string() });

export async function listZoneFeedback(
  ctx: Ctx,
  { zoneId, query }: { zoneId: string; query: { limit: number; cursor?: string } },
) {
  const { principal } = ctx;
  const after = decodeCursor(query.cursor, FeedbackCursor);
  const rows = await ctx.database.db
    .select({
      id: referrals.id,
      incidentReference: referrals.incidentReference,
      status: referrals.status,
      firstContactAt: referrals.firstContactAt,
      createdAt: referrals.createdAt,
      updatedAt: referrals.updatedAt,
    })
    .from(referrals)
    .where(
      and(
        eq(referrals.orgId, principal.org),
        eq(referrals.zoneId, zoneId),
        after
          ? or(
              lt(referrals.createdAt, after.createdAt),
              and(eq(referrals.createdAt, after.createdAt), lt(referrals.id, after.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(referrals.createdAt), desc(referrals.id))
    .limit(query.limit + 1);
  const items = rows
    .slice(0, query.limit)
    .map((row) => ({ ...row, status: ReferralStatus.parse(row.status) }));
  const last = items.at(-1);
  const nextCursor =
    rows.length > query.limit && last ? encodeCursor({ createdAt: last.createdAt, id: last.id }) : null;
  return { items, nextCursor };
}
