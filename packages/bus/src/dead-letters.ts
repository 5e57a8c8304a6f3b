import type { Database } from "@relais/db";
import { and, desc, eq, isNull, lt, or } from "drizzle-orm";
import { deadLetters } from "./schema.js";

export type DeadLetter = typeof deadLetters.$inferSelect;

export interface ListDeadLettersOptions {
  /** Only rows of this organisation; rows whose payload named no organisation are included when `includeUnknownOrg`. */
  orgId: string;
  includeUnknownOrg?: boolean;
  limit: number;
  /** The id of the last row of the previous page (ids are UUIDv7, so they sort by time). */
  after?: string;
}

export async function listDeadLetters(
  database: Database,
  options: ListDeadLettersOptions,
): Promise<DeadLetter[]> {
  const scope = options.includeUnknownOrg
    ? or(eq(deadLetters.orgId, options.orgId), isNull(deadLetters.orgId))
    : eq(deadLetters.orgId, options.orgId);
  return database.db
    .select()
    .from(deadLetters)
    .where(options.after ? and(scope, lt(deadLetters.id, options.after)) : scope)
    .orderBy(desc(deadLetters.id))
    .limit(options.limit);
}

export async function getDeadLetter(database: Database, id: string): Promise<DeadLetter | undefined> {
  const [row] = await database.db.select().from(deadLetters).where(eq(deadLetters.id, id)).limit(1);
  return row;
}
