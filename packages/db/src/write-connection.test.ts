import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import { afterEach, describe, expect, it } from "vitest";
import { openWriteConnection } from "./write-connection.js";

describe("write connection", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it("shapes rows as @libsql/client does: names to see, indexes and length to read", async () => {
    const dir = mkdtempSync(join(tmpdir(), "relais-write-connection-"));
    dirs.push(dir);
    const path = join(dir, "rows.db");
    const client = createClient({ url: `file:${path}` });
    await client.execute("CREATE TABLE t (id TEXT PRIMARY KEY, n INTEGER, note TEXT, data BLOB)");
    await client.execute("INSERT INTO t VALUES ('a', 1, NULL, x'0102'), ('b', 2, 'two', NULL)");
    const connection = openWriteConnection(path, { timeoutMs: 1_000 });
    // Two columns named alike (the first wins by name, both by index) and an expression.
    const query = "SELECT id, n, note, data, n * 10 AS n, n + 1 AS next FROM t ORDER BY id";
    const theirs = (await client.execute(query)).rows;
    const ours = connection.run({ sql: query, args: [] }).rows;
    // Read twice, so the second goes through the statement's kept row class.
    const again = connection.run({ sql: query, args: [] }).rows;
    connection.close();
    client.close();

    expect(ours).toHaveLength(2);
    for (const rows of [ours, again]) {
      rows.forEach((row, r) => {
        const client = theirs[r]!;
        expect(Object.keys(row)).toEqual(Object.keys(client));
        expect(JSON.stringify(row)).toEqual(JSON.stringify(client));
        expect({ ...row }).toEqual({ ...client });
        expect(row.length).toBe(client.length);
        // What drizzle reads: the values by index, in order.
        expect(Array.prototype.slice.call(row)).toEqual(Array.prototype.slice.call(client));
        expect(Object.keys(row)).not.toContain("0");
        expect(Object.keys(row)).not.toContain("length");
      });
    }
    expect(ours[0]?.n).toBe(1);
    expect(ours[0]?.[4]).toBe(10);
    expect(new Uint8Array(ours[0]?.data as ArrayBuffer)).toEqual(new Uint8Array([1, 2]));
  });
});
