// Looks for personal values in what the stack leaves behind: every byte of every file under a
// folder (databases with their -wal and -shm, mail files, the JetStream store), and, where a
// value may legitimately live in one column, every other column of a database row by row.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { createClient } from "@libsql/client";

export interface Hit {
  where: string;
  value: string;
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

/** Case-insensitive search of ASCII values in text or bytes. */
export function findIn(where: string, content: string | Buffer, values: string[]): Hit[] {
  const text = (typeof content === "string" ? content : content.toString("latin1")).toLowerCase();
  return values.filter((value) => text.includes(value.toLowerCase())).map((value) => ({ where, value }));
}

/** Every file under `dir` whose name `include` accepts (all by default), byte by byte. */
export function scanFiles(
  dir: string,
  values: string[],
  include: (path: string) => boolean = () => true,
): { scanned: string[]; hits: Hit[] } {
  const scanned = files(dir).filter(include);
  const hits = scanned.flatMap((path) => findIn(relative(dir, path), readFileSync(path), values));
  return { scanned, hits };
}

/**
 * Every value of every row of every table of a database, except the columns in `allowed`
 * (`table.column`): where a value may be kept, the rest of the database must still not hold it.
 */
export async function scanColumns(path: string, values: string[], allowed: string[]): Promise<Hit[]> {
  const client = createClient({ url: `file:${path}` });
  try {
    const tables = await client.execute(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    );
    const hits: Hit[] = [];
    for (const { name } of tables.rows) {
      const table = String(name);
      const rows = await client.execute(`SELECT * FROM "${table.replaceAll('"', '""')}"`);
      for (const row of rows.rows) {
        for (const column of rows.columns) {
          if (allowed.includes(`${table}.${column}`)) continue;
          const cell = row[column];
          if (cell === null || cell === undefined) continue;
          const text = cell instanceof ArrayBuffer ? Buffer.from(cell) : String(cell);
          hits.push(...findIn(`${table}.${column}`, text, values));
        }
      }
    }
    return hits;
  } finally {
    client.close();
  }
}
