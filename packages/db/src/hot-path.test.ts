import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { and, eq, sql } from "drizzle-orm";
import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { afterEach, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "./database.js";
import { insertRows, prepared } from "./hot-path.js";

const items = sqliteTable("items", {
  id: text("id").primaryKey(),
  owner: text("owner").notNull(),
  flag: integer("flag", { mode: "boolean" }).notNull(),
  maybe: integer("maybe", { mode: "boolean" }),
  meta: text("meta", { mode: "json" }).$type<{ tags: string[] } | null>(),
  at: integer("at", { mode: "timestamp_ms" }),
  kind: text("kind").notNull().default("plain"),
});

let counter = 0;
const stamped = sqliteTable("stamped", {
  id: text("id").primaryKey(),
  // Computed per insert: a shape built once must never freeze it.
  stamp: text("stamp")
    .notNull()
    .$defaultFn(() => `stamp-${++counter}`),
});

const CREATE = [
  "CREATE TABLE items (id TEXT PRIMARY KEY, owner TEXT NOT NULL, flag INTEGER NOT NULL, maybe INTEGER, meta TEXT, at INTEGER, kind TEXT NOT NULL DEFAULT 'plain')",
  "CREATE TABLE stamped (id TEXT PRIMARY KEY, stamp TEXT NOT NULL)",
];

describe("hot-path statements", () => {
  const dirs: string[] = [];
  const open: Database[] = [];
  afterEach(() => {
    for (const database of open.splice(0)) database.close();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  async function fresh() {
    const dir = mkdtempSync(join(tmpdir(), "relais-hot-"));
    dirs.push(dir);
    const database = await openDatabase({ url: `file:${join(dir, "hot.db")}`, schema: { items, stamped } });
    open.push(database);
    for (const statement of CREATE) await database.client.execute(statement);
    return database;
  }

  const rows = [
    {
      id: "a",
      owner: "o1",
      flag: true,
      maybe: null,
      meta: { tags: ["x", "y"] },
      at: new Date("2026-03-29T01:30:00Z"),
    },
    { id: "b", owner: "o1", flag: false, maybe: true, meta: null, at: null, kind: "special" },
  ];

  it("writes inside a write exactly what drizzle writes, column encoders and defaults included", async () => {
    const database = await fresh();
    // The same rows through drizzle (outside any write: plain drizzle) and through the shape.
    await database.write(async (tx) => {
      await insertRows(tx, items, rows);
      await insertRows(tx, items, [{ ...rows[0]!, id: "c" }]);
      // Again, now from the kept shapes.
      await insertRows(tx, items, [{ ...rows[0]!, id: "d" }]);
      await insertRows(tx, items, [
        { ...rows[1]!, id: "e" },
        { ...rows[1]!, id: "f" },
      ]);
    });
    await database.db.insert(items).values([
      { ...rows[0]!, id: "a2" },
      { ...rows[1]!, id: "b2" },
    ]);
    const raw = await database.client.execute("SELECT * FROM items ORDER BY id");
    const byId = Object.fromEntries(raw.rows.map((row) => [row.id, { ...row, id: undefined }]));
    expect(byId.a).toEqual(byId.a2);
    expect(byId.b).toEqual(byId.b2);
    expect(byId.c).toEqual(byId.a2);
    expect(byId.f).toEqual(byId.b2);
    expect(byId.a).toMatchObject({ flag: 1, maybe: null, meta: '{"tags":["x","y"]}', kind: "plain" });
    expect(byId.b).toMatchObject({ flag: 0, maybe: 1, meta: null, at: null, kind: "special" });
    // And drizzle reads them back as it wrote them.
    const [a] = await database.db.select().from(items).where(eq(items.id, "a"));
    expect(a).toEqual({ ...rows[0], kind: "plain" });
  });

  it("never freezes a computed default, and lines up rows that name different columns", async () => {
    const database = await fresh();
    await database.write(async (tx) => {
      await insertRows(tx, stamped, [{ id: "1" }]);
      await insertRows(tx, stamped, [{ id: "2" }]);
      await insertRows(tx, items, [
        { id: "x", owner: "o", flag: true },
        { id: "y", owner: "o", flag: false, kind: "special" },
      ]);
    });
    const stamps = await database.db.select().from(stamped).orderBy(stamped.id);
    expect(new Set(stamps.map((row) => row.stamp)).size).toBe(2);
    const kinds = await database.db.select({ id: items.id, kind: items.kind }).from(items).orderBy(items.id);
    expect(kinds).toEqual([
      { id: "x", kind: "plain" },
      { id: "y", kind: "special" },
    ]);
  });

  it("rolls a failing write of a shared commit back alone, its own error kept", async () => {
    const database = await fresh();
    let commits = 0;
    database.onCommit(() => {
      commits += 1;
    });
    const results = await Promise.allSettled(
      ["p", "q", "p", "r"].map((id) =>
        database.write(async (tx) => {
          await insertRows(tx, items, [{ id, owner: "o", flag: true }]);
          await insertRows(tx, stamped, [{ id }]);
          return id;
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled"]);
    // Reported as drizzle reports it: the statement, SQLite's codes on the cause.
    expect(((results[2] as PromiseRejectedResult).reason as Error).cause).toMatchObject({
      code: "SQLITE_CONSTRAINT",
      extendedCode: "SQLITE_CONSTRAINT_PRIMARYKEY",
    });
    expect(commits).toBe(1);
    const ids = await database.db.select({ id: stamped.id }).from(stamped).orderBy(stamped.id);
    expect(ids.map((row) => row.id)).toEqual(["p", "q", "r"]);
  });

  it("runs a prepared query in the write's transaction, kept per shape, with its values", async () => {
    const database = await fresh();
    const owned = (tx: Parameters<Parameters<typeof database.write>[0]>[0], owner: string, id: string) =>
      prepared(tx, "items.owned", (db) =>
        db
          .select({ id: items.id, flag: items.flag })
          .from(items)
          .where(and(eq(items.owner, sql.placeholder("owner")), eq(items.id, sql.placeholder("id")))),
      ).all({ owner, id });
    const seen = await database.write(async (tx) => {
      await insertRows(tx, items, [{ id: "k", owner: "o", flag: true }]);
      // Sees the row its own transaction wrote, before the commit.
      return [await owned(tx, "o", "k"), await owned(tx, "other", "k")];
    });
    expect(seen).toEqual([[{ id: "k", flag: true }], []]);
    // Outside a write it is plain drizzle on the read connection.
    expect(await owned(database.db as never, "o", "k")).toEqual([{ id: "k", flag: true }]);
    const inserted = await database.write((tx) =>
      prepared(tx, "items.insert.returning", (db) =>
        db
          .insert(items)
          .values({ id: sql.placeholder("id"), owner: "o", flag: sql.placeholder("flag") })
          .onConflictDoNothing()
          .returning({ id: items.id }),
      ).all({ id: "k", flag: false }),
    );
    expect(inserted).toEqual([]);
  });

  it("leaves a transaction held past its write to drizzle, which refuses it", async () => {
    const database = await fresh();
    let kept: Parameters<Parameters<typeof database.write>[0]>[0] | undefined;
    await database.write(async (tx) => {
      kept = tx;
    });
    const late = await insertRows(kept!, items, [{ id: "late", owner: "o", flag: true }]).catch(
      (error: Error) => error,
    );
    expect((late as Error).cause).toMatchObject({ code: "TRANSACTION_CLOSED" });
    expect(await database.db.select().from(items)).toEqual([]);
  });
});
