// A fingerprint of every table of a service's database, read beside the running service (WAL
// lets a reader in), to prove that a run of requests changed nothing.
import { createHash } from "node:crypto";
import { createClient } from "@libsql/client";

export async function snapshotDatabase(path: string): Promise<Record<string, string>> {
  const client = createClient({ url: `file:${path}` });
  try {
    const tables = await client.execute(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    );
    const snapshot: Record<string, string> = {};
    for (const row of tables.rows) {
      const name = String(row.name);
      const rows = await client.execute(`SELECT * FROM "${name.replaceAll('"', '""')}" ORDER BY rowid`);
      const hash = createHash("sha256");
      for (const r of rows.rows) hash.update(JSON.stringify(Object.values(r)));
      snapshot[name] = `${rows.rows.length}:${hash.digest("hex").slice(0, 16)}`;
    }
    return snapshot;
  } finally {
    client.close();
  }
}
