// A facilitator's feed, found by its token alone (the URL is the credential): every series of the
// organisation they run, venue included, no participants at all.
import { SeriesSnapshot } from "@relais/contracts";
import { NotFound } from "@relais/service-kit";
import { and, eq, isNull } from "drizzle-orm";
import { calendarFeeds, series } from "../db/schema.js";
import { buildFeed, hashFeedToken } from "../domain/feed.js";
import type { AppDeps } from "./context.js";

export async function readCalendarFeed(
  ctx: Pick<AppDeps, "database" | "clock" | "settings">,
  token: string | undefined,
): Promise<string> {
  const [feed] = token
    ? await ctx.database.db
        .select()
        .from(calendarFeeds)
        .where(and(eq(calendarFeeds.tokenHash, hashFeedToken(token)), isNull(calendarFeeds.revokedAt)))
        .limit(1)
    : [];
  if (!feed) throw new NotFound("No such calendar feed");
  const rows = await ctx.database.db.select().from(series).where(eq(series.orgId, feed.orgId));
  const seriesList = rows
    .map((row) => SeriesSnapshot.parse(row.snapshot))
    .filter((s) => s.facilitators.some((f) => f.sub === feed.sub));
  return buildFeed({ seriesList, sub: feed.sub, now: ctx.clock.now(), mailFrom: ctx.settings.mailFrom });
}
