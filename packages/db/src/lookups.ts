// Two questions many rules ask of a table: is there already such a row (`rowExists`), and which
// rows have these keys, in a statement built once (`equalsParams` inside `prepared`).
import { and, eq, getTableColumns, type SQL, sql } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
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

type ColumnKey<T extends SQLiteTable> = keyof T["_"]["columns"] & string;

/**
 * `column = :column` for each of `keys`, joined with AND: the where clause of a `prepared`
 * statement that looks rows up by key, run as `.all({ orgId, personRef })`.
 */
export function equalsParams<T extends SQLiteTable>(table: T, keys: [ColumnKey<T>, ...ColumnKey<T>[]]): SQL {
  const columns = getTableColumns(table) as Record<ColumnKey<T>, SQLiteColumn>;
  return and(...keys.map((key) => eq(columns[key], sql.placeholder(key)))) as SQL;
}
