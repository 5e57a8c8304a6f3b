// Questions many rules ask of a table: is there already such a row (`rowExists`), and which row
// has these keys, in a statement built once (`rowByParams`, or `equalsParams` inside `prepared`).
import { and, eq, getTableColumns, type SQL, sql } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Executor } from "./database.js";
import { prepared } from "./hot-path.js";

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

/**
 * The row of `table` whose columns named in `values` hold those values (the first, if several):
 * the one way to look a record up by its keys. The statement is built once per `key` inside a
 * write (`prepared`), so lookups every event makes cost no SQL building. One `key`, one set of
 * columns.
 */
export async function rowByParams<T extends SQLiteTable>(
  db: Executor,
  key: string,
  table: T,
  values: Partial<Record<ColumnKey<T>, unknown>>,
): Promise<T["$inferSelect"] | undefined> {
  const names = Object.keys(values) as [ColumnKey<T>, ...ColumnKey<T>[]];
  // No key would read the table's first row, whatever it is.
  if (names.length === 0) throw new Error(`rowByParams(${key}) needs at least one key`);
  const [row] = await prepared(db, key, (d) =>
    d
      .select()
      .from(table as SQLiteTable)
      .where(equalsParams(table, names))
      .limit(1),
  ).all(values);
  return row as T["$inferSelect"] | undefined;
}
