// The organisation's delivery log, newest first, a page at a time; the listing is audited.
import { audit, writeVerb } from "@relais/service-kit";
import { and, desc, eq, lt } from "drizzle-orm";
import type { MessageRow } from "../db/messages.js";
import { messages } from "../db/schema.js";
import type { RequestContext } from "./context.js";

export async function listMessages(
  ctx: RequestContext,
  query: {
    status?: MessageRow["status"];
    channel?: MessageRow["channel"];
    template?: string;
    /** The last id of the previous page. */
    afterId?: string;
    limit: number;
  },
): Promise<{ page: MessageRow[]; more: boolean }> {
  const rows = await ctx.database.db
    .select()
    .from(messages)
    .where(
      and(
        eq(messages.orgId, ctx.principal.org),
        query.status ? eq(messages.status, query.status) : undefined,
        query.channel ? eq(messages.channel, query.channel) : undefined,
        query.template ? eq(messages.template, query.template) : undefined,
        query.afterId ? lt(messages.id, query.afterId) : undefined,
      ),
    )
    .orderBy(desc(messages.id))
    .limit(query.limit + 1);
  await writeVerb(ctx, (tx) => audit(tx, ctx, "message.list", { type: "message", id: "*" }));
  return { page: rows.slice(0, query.limit), more: rows.length > query.limit };
}
