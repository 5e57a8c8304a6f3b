// Revokes one of the caller's own active feeds; anyone else's id is the same 404 as a missing one.
import { audit, NotFound, writeVerb } from "@relais/service-kit";
import { and, eq, isNull } from "drizzle-orm";
import { calendarFeeds } from "../db/schema.js";
import type { RequestContext } from "./context.js";

export async function revokeCalendarFeed(ctx: RequestContext, id: string): Promise<void> {
  const { principal } = ctx;
  const at = ctx.clock.now().toISOString();
  const revoked = await writeVerb(ctx, async (tx) => {
    const rows = await tx
      .update(calendarFeeds)
      .set({ revokedAt: at })
      .where(
        and(
          eq(calendarFeeds.id, id),
          eq(calendarFeeds.orgId, principal.org),
          eq(calendarFeeds.sub, principal.sub),
          isNull(calendarFeeds.revokedAt),
        ),
      )
      .returning({ id: calendarFeeds.id });
    if (rows.length > 0)
      await audit(tx, { principal: principal, requestId: ctx.requestId }, "calendar_feed.revoke", {
        type: "calendar_feed",
        id,
      });
    return rows.length > 0;
  });
  if (!revoked) throw new NotFound("No active feed of yours with this id");
}
