// Fills a service's tables fast, straight into its libSQL file while the service is stopped: one
// INSERT … SELECT over a recursive counter per chunk, so SQLite makes the rows itself instead of
// the JS client binding millions of parameters. Columns are read from the live schema, so a
// column added later gets a plain default rather than breaking the bench.
import type { Transaction } from "@libsql/client";

/** SQL expressions per column, in terms of the row number `i` (0-based). */
export type ColumnExpressions = Record<string, string>;

interface ColumnInfo {
  name: string;
  type: string;
  notnull: number;
  dflt_value: string | null;
}

export async function seedRows(
  client: Pick<Transaction, "execute">,
  table: string,
  expressions: ColumnExpressions,
  from: number,
  to: number,
  chunk = 100_000,
): Promise<void> {
  const columns = (await client.execute(`PRAGMA table_info(${table})`)).rows as unknown as ColumnInfo[];
  if (columns.length === 0) throw new Error(`seed: table ${table} does not exist`);
  const unknown = Object.keys(expressions).filter((name) => !columns.some((column) => column.name === name));
  if (unknown.length > 0) throw new Error(`seed: ${table} has no column(s) ${unknown.join(", ")}`);
  const chosen = columns.filter(
    (column) => column.name in expressions || (column.notnull && column.dflt_value === null),
  );
  const values = chosen.map(
    (column) => expressions[column.name] ?? (/INT|REAL|NUM/i.test(column.type) ? "0" : "'bench'"),
  );
  const names = chosen.map((column) => `"${column.name}"`).join(", ");
  for (let start = from; start < to; start += chunk) {
    const end = Math.min(to, start + chunk);
    await client.execute(
      `WITH RECURSIVE n(i) AS (SELECT ${start} UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ${end})
       INSERT INTO ${table} (${names}) SELECT ${values.join(", ")} FROM n`,
    );
  }
}
