// "My sessions from … to …": the sessions of every group the caller runs, across groups, for a
// week or month view. Facilitators get the groups they facilitate, programme staff perpetrator
// groups, always within their organisation.
import { Invalid } from "@relais/service-kit";
import { and, asc, eq, exists, gte, lt, or } from "drizzle-orm";
import { type GroupRecord, type SessionRecord, toGroupRecord } from "../db/group-store.js";
import { groupFacilitators, groups, sessions } from "../db/schema.js";
import { sessionRange } from "../domain/session-range.js";
import type { ReadCtx } from "./context.js";

export interface SessionInRange {
  group: GroupRecord;
  session: SessionRecord;
}

export async function listMySessions(
  ctx: ReadCtx,
  range: { from: string; to: string },
): Promise<SessionInRange[]> {
  const { principal } = ctx;
  const { db } = ctx.database;
  const bounds = sessionRange(range.from, range.to);
  if (!bounds.ok) throw new Invalid("Check the range", [bounds.refusal]);
  const grants = [
    principal.roles.includes("programme_staff") ? eq(groups.kind, "perpetrator") : undefined,
    principal.roles.includes("facilitator")
      ? exists(
          db
            .select({ one: groupFacilitators.sub })
            .from(groupFacilitators)
            .where(and(eq(groupFacilitators.groupId, groups.id), eq(groupFacilitators.sub, principal.sub))),
        )
      : undefined,
  ].filter((grant) => grant !== undefined);
  // `or()` of nothing is no condition: a caller with no grant sees nothing, not everything.
  if (grants.length === 0) return [];
  const rows = await db
    .select({ session: sessions, group: groups })
    .from(sessions)
    .innerJoin(groups, eq(groups.id, sessions.groupId))
    .where(
      and(
        eq(sessions.orgId, principal.org),
        eq(groups.orgId, principal.org),
        or(...grants),
        gte(sessions.startsAt, bounds.from),
        lt(sessions.startsAt, bounds.to),
      ),
    )
    .orderBy(asc(sessions.startsAt), asc(sessions.id))
    // A bound, not a page: six weeks of even a dozen groups stays far below it.
    .limit(500);
  return rows.map((row) => ({ group: toGroupRecord(row.group), session: row.session }));
}
