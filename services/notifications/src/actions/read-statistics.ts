// The organisation's messages sent or failed in the period, as the facts the statistics count:
// channel, outcome and time only — never an address, a person or a text.
import type { Caller } from "@relais/service-kit";
import type { StatisticsInput } from "@relais/statistics";
import { and, eq, gte, inArray, lt, sql } from "drizzle-orm";
import { messages } from "../db/schema.js";
import { type MessageFacts, messageStatistics } from "../domain/statistics.js";
import type { AppDeps } from "./context.js";

export async function readStatistics(
  ctx: Pick<AppDeps, "database"> & Caller,
  { query, settings, period }: StatisticsInput<"month">,
) {
  const { start, end } = period;
  const at = sql<string>`coalesce(${messages.sentAt}, ${messages.updatedAt})`;
  const rows = await ctx.database.db
    .select({ channel: messages.channel, status: messages.status, at })
    .from(messages)
    .where(
      and(
        eq(messages.orgId, ctx.principal.org),
        inArray(messages.status, ["sent", "failed"]),
        gte(at, start),
        lt(at, end),
      ),
    );
  return messageStatistics(rows as MessageFacts[], query, settings);
}
