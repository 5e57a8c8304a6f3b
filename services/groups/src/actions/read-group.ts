// One group the caller may see, with its seat counts.
import { type GroupRecord, seatCounts, visibleGroup } from "../db/group-store.js";
import type { ReadCtx } from "./context.js";

export async function readGroup(
  ctx: ReadCtx,
  { id }: { id: string },
): Promise<{ group: GroupRecord; seats: { enrolled: number; waitlisted: number } }> {
  const { db } = ctx.database;
  const group = await visibleGroup(db, ctx.principal, id);
  return { group, seats: await seatCounts(db, group.id) };
}
