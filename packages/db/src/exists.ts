// The question many rules ask before they write: is there already such a row?
import { and, type SQL, sql } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Executor } from "./database.js";

/** Whether a row of `table` meets every one of `conditions`; reads one row at the most. */
export async function rowExists(
  db: Executor,
  table: SQLiteTable,
  conditions: (SQL | undefined)[],
): Promise<boolean> {
  const rows = await db
    .select({ found: sql`1` })
    .from(table)
    .where(and(...conditions))
    .limit(1);
  return rows.length > 0;
}
