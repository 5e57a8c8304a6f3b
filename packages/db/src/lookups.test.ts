import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { sqliteTable, text } from "drizzle-orm/sqlite-core";
import { describe, expect, it, onTestFinished } from "vitest";
import { openDatabase } from "./database.js";
import { equalsParams, rowByParams, rowExists } from "./lookups.js";

const places = sqliteTable("places", {
  id: text("id").primaryKey(),
  org: text("org").notNull(),
  status: text("status").notNull(),
});

/** A database file of its own for one test, holding `rows`; closed and removed when the test ends. */
async function fresh(rows: (typeof places.$inferInsert)[] = []) {
  const dir = mkdtempSync(join(tmpdir(), "relais-lookups-"));
  const database = await openDatabase({ url: `file:${join(dir, "lookups.db")}`, schema: { places } });
  onTestFinished(() => {
    database.close();
    rmSync(dir, { recursive: true, force: true });
  });
  await database.client.execute(
    "CREATE TABLE places (id TEXT PRIMARY KEY, org TEXT NOT NULL, status TEXT NOT NULL)",
  );
  if (rows.length > 0) await database.write((tx) => tx.insert(places).values(rows));
  return database;
}

describe("rowExists", () => {
  it("is true only when one row meets every condition", async () => {
    const database = await fresh([
      { id: "p1", org: "org-a", status: "open" },
      { id: "p2", org: "org-b", status: "closed" },
    ]);
    const db = database.db;
    expect(await rowExists(db, places, [eq(places.org, "org-a"), eq(places.status, "open")])).toBe(true);
    // Each condition holds for some row, but no row meets both.
    expect(await rowExists(db, places, [eq(places.org, "org-a"), eq(places.status, "closed")])).toBe(false);
    expect(await rowExists(db, places, [eq(places.org, "org-c")])).toBe(false);
  });

  it("sees the rows its own transaction wrote before they commit", async () => {
    const database = await fresh();
    const seen = await database.write(async (tx) => {
      const before = await rowExists(tx, places, [eq(places.org, "org-a")]);
      await tx.insert(places).values({ id: "p1", org: "org-a", status: "open" });
      return { before, after: await rowExists(tx, places, [eq(places.org, "org-a")]) };
    });
    expect(seen).toEqual({ before: false, after: true });
  });
});

describe("equalsParams", () => {
  it("looks rows up by the placeholders named like their columns, in one prepared statement", async () => {
    const database = await fresh([
      { id: "p1", org: "org-a", status: "open" },
      { id: "p2", org: "org-a", status: "closed" },
      { id: "p3", org: "org-b", status: "open" },
    ]);
    const statement = database.db
      .select({ id: places.id })
      .from(places)
      .where(equalsParams(places, ["org", "status"]))
      .prepare();
    expect(statement.getQuery().sql).toContain('"places"."org" = ? and "places"."status" = ?');
    expect(await statement.all({ org: "org-a", status: "open" })).toEqual([{ id: "p1" }]);
    expect(await statement.all({ org: "org-b", status: "open" })).toEqual([{ id: "p3" }]);
    expect(await statement.all({ org: "org-b", status: "closed" })).toEqual([]);
  });
});

describe("rowByParams", () => {
  it("finds the row with these keys, each call with its own values through the one statement", async () => {
    const database = await fresh([
      { id: "p1", org: "org-a", status: "open" },
      { id: "p2", org: "org-b", status: "open" },
    ]);
    const found = await database.write(async (tx) => [
      await rowByParams(tx, "test.place", places, { org: "org-a", status: "open" }),
      await rowByParams(tx, "test.place", places, { org: "org-b", status: "open" }),
      await rowByParams(tx, "test.place", places, { org: "org-b", status: "closed" }),
    ]);
    expect(found).toEqual([
      { id: "p1", org: "org-a", status: "open" },
      { id: "p2", org: "org-b", status: "open" },
      undefined,
    ]);
    // No key at all would read any row: refused.
    await expect(rowByParams(database.db, "test.none", places, {})).rejects.toThrow(/at least one key/);
    // Outside a write too (plain drizzle there).
    expect(await rowByParams(database.db, "test.place", places, { org: "org-a", status: "open" })).toEqual({
      id: "p1",
      org: "org-a",
      status: "open",
    });
  });
});
