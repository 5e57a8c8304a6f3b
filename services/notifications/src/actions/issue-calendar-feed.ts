// A new private feed for the caller; their earlier feeds stop working. Only the token's hash is
// stored, so the URL can be shown once and never again.
import { randomBytes } from "node:crypto";
import { newId } from "@relais/contracts";
import { audit, writeVerb } from "@relais/service-kit";
import { and, eq, isNull } from "drizzle-orm";
import { calendarFeeds } from "../db/schema.js";
import { hashFeedToken } from "../domain/feed.js";
import type { RequestContext } from "./context.js";

export async function issueCalendarFeed(
  ctx: RequestContext,
): Promise<{ id: string; url: string; createdAt: string }> {
  const { principal } = ctx;
  const token = randomBytes(32).toString("base64url");
  const id = newId();
  const at = ctx.clock.now().toISOString();
  await writeVerb(ctx, async (tx) => {
    await tx
      .update(calendarFeeds)
      .set({ revokedAt: at })
      .where(
        and(
          eq(calendarFeeds.orgId, principal.org),
          eq(calendarFeeds.sub, principal.sub),
          isNull(calendarFeeds.revokedAt),
        ),
      );
    await tx.insert(calendarFeeds).values({
      id,
      orgId: principal.org,
      sub: principal.sub,
      tokenHash: hashFeedToken(token),
      createdAt: at,
    });
    await audit(tx, { principal: principal, requestId: ctx.requestId }, "calendar_feed.create", {
      type: "calendar_feed",
      id,
    });
  });
  return { id, url: `${ctx.settings.publicUrl}/v1/calendars/${token}.ics`, createdAt: at };
}
