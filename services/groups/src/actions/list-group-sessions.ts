// The sessions of one group the caller may see, earliest first.
import { type GroupRecord, groupSessions, type SessionRecord, visibleGroup } from "../db/group-store.js";
import type { ReadCtx } from "./context.js";

export async function listGroupSessions(
  ctx: ReadCtx,
  { id }: { id: string },
): Promise<{ group: GroupRecord; sessions: SessionRecord[] }> {
  const { db } = ctx.database;
  const group = await visibleGroup(db, ctx.principal, id);
  return { group, sessions: await groupSessions(db, group.id) };
}
