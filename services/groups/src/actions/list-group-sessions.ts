// The sessions of one group the caller may see, earliest first.
import type { Database } from "@relais/db";
import type { VerbContext } from "@relais/service-kit";
import { type GroupRecord, groupSessions, type SessionRecord, visibleGroup } from "../db/group-store.js";

export async function listGroupSessions(
  ctx: VerbContext<{ database: Database }>,
  { id }: { id: string },
): Promise<{ group: GroupRecord; sessions: SessionRecord[] }> {
  const { db } = ctx.database;
  const group = await visibleGroup(db, ctx.principal, id);
  return { group, sessions: await groupSessions(db, group.id) };
}
