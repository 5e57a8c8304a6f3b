// One group the caller may see, with its seat counts.
import type { Database } from "@relais/db";
import type { VerbContext } from "@relais/service-kit";
import { type GroupRecord, seatCounts, visibleGroup } from "../db/group-store.js";

export async function readGroup(
  ctx: VerbContext<{ database: Database }>,
  { id }: { id: string },
): Promise<{ group: GroupRecord; seats: { enrolled: number; waitlisted: number } }> {
  const { db } = ctx.database;
  const group = await visibleGroup(db, ctx.principal, id);
  return { group, seats: await seatCounts(db, group.id) };
}
