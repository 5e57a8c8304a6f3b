// A fingerprint of every table of a service's database, read beside the running service (WAL
// lets a reader in), to prove that a run of requests changed nothing.
import { createHash } from "node:crypto";
import { createClient } from "@libsql/client";

/**
 * `ignoreDenials`: leave out the audit rows of refused attempts, which a run of hostile requests
 * is meant to write (docs/security.md); every other row still counts.
 */
export async function snapshotDatabase(
  path: string,
  options: { ignoreDenials?: boolean } = {},
): Promise<Record<string, string>> {
  const client = createClient({ url: `file:${path}` });
  try {
    const tables = await client.execute(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    );
    const snapshot: Record<string, string> = {};
    for (const row of tables.rows) {
      const name = String(row.name);
      const where = options.ignoreDenials && name === "audit_log" ? " WHERE outcome <> 'denied'" : "";
      const rows = await client.execute(
        `SELECT * FROM "${name.replaceAll('"', '""')}"${where} ORDER BY rowid`,
      );
      const hash = createHash("sha256");
      for (const r of rows.rows) hash.update(JSON.stringify(Object.values(r)));
      snapshot[name] = `${rows.rows.length}:${hash.digest("hex").slice(0, 16)}`;
    }
    return snapshot;
  } finally {
    client.close();
  }
}
