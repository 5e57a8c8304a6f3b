// When the next row of a loop falls due: the smallest ISO instant of a column among some rows.
import type { Executor } from "@relais/db";
import { min, type SQL } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";

/** The smallest value of `column` (ISO instants) in the rows of `table` that `where` selects. */
export async function earliestIn(
  db: Executor,
  table: SQLiteTable,
  column: SQLiteColumn,
  where: SQL | undefined,
): Promise<string | null> {
  const [row] = await db
    .select({ at: min(column) })
    .from(table)
    .where(where);
  return typeof row?.at === "string" ? row.at : null;
}

/** The earliest of ISO instants, or null when there is none. */
export function earliestOf(times: Array<string | null | undefined>): Date | null {
  const known = times.filter((t): t is string => typeof t === "string").map((t) => Date.parse(t));
  return known.length > 0 ? new Date(Math.min(...known)) : null;
}
