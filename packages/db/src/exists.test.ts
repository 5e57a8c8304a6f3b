import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { sqliteTable, text } from "drizzle-orm/sqlite-core";
import { describe, expect, it, onTestFinished } from "vitest";
import { openDatabase } from "./database.js";
import { rowExists } from "./exists.js";

const places = sqliteTable("places", {
  id: text("id").primaryKey(),
  org: text("org").notNull(),
  status: text("status").notNull(),
});

/** A database file of its own for one test, closed and removed when the test ends. */
async function fresh() {
  const dir = mkdtempSync(join(tmpdir(), "relais-exists-"));
  const database = await openDatabase({ url: `file:${join(dir, "exists.db")}`, schema: { places } });
  onTestFinished(() => {
    database.close();
    rmSync(dir, { recursive: true, force: true });
  });
  await database.client.execute(
    "CREATE TABLE places (id TEXT PRIMARY KEY, org TEXT NOT NULL, status TEXT NOT NULL)",
  );
  return database;
}

describe("rowExists", () => {
  it("is true only when one row meets every condition", async () => {
    const database = await fresh();
    await database.write((tx) =>
      tx.insert(places).values([
        { id: "p1", org: "org-a", status: "open" },
        { id: "p2", org: "org-b", status: "closed" },
      ]),
    );
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
