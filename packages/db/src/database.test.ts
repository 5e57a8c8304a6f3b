import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { afterEach, describe, expect, it, vi } from "vitest";
import { openDatabase, storageFaultOf, type Tx } from "./database.js";
import { fsyncFile, type SyncFile } from "./durability.js";

const counters = sqliteTable("counters", {
  name: text("name").primaryKey(),
  value: integer("value").notNull(),
});

describe("openDatabase", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  async function open(syncFile?: SyncFile, more: Partial<Parameters<typeof openDatabase>[0]> = {}) {
    const dir = mkdtempSync(join(tmpdir(), "relais-db-"));
    dirs.push(dir);
    const database = await openDatabase({
      url: `file:${join(dir, "nested", "test.db")}`,
      schema: { counters },
      ...(syncFile ? { syncFile } : {}),
      ...more,
    });
    await database.client.execute("CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL)");
    await database.client.execute("INSERT INTO counters VALUES ('n', 0)");
    return database;
  }

  it("runs concurrent write transactions that await inside without SQLITE_BUSY or lost updates", async () => {
    const database = await open();
    let commits = 0;
    database.onCommit(() => {
      commits += 1;
    });
    const reads: Promise<unknown>[] = [];
    await Promise.all(
      Array.from({ length: 200 }, () =>
        database.write(async (tx) => {
          const [row] = await tx.select().from(counters);
          // Awaiting something else mid-transaction is what made unserialised writes fail.
          await new Promise((resolve) => setTimeout(resolve, 1));
          reads.push(database.db.select().from(counters));
          await tx.update(counters).set({ value: (row?.value ?? 0) + 1 });
        }),
      ),
    );
    await Promise.all(reads);
    const [row] = await database.db.select().from(counters);
    expect(row?.value).toBe(200);
    // Writes that queued behind one another shared commits.
    expect(commits).toBeGreaterThan(0);
    expect(commits).toBeLessThan(200);
    database.close();
  });

  it("groups writes that arrive one after another in the same turn, as requests do, into one commit", async () => {
    const database = await open();
    let commits = 0;
    database.onCommit(() => {
      commits += 1;
    });
    // Each write starts from its own callback (as each request's handler does) and never awaits
    // anything but the database, whose statements run synchronously.
    await Promise.all(
      Array.from(
        { length: 20 },
        (_, i) =>
          new Promise<void>((resolve, reject) =>
            setImmediate(() => {
              database
                .write((tx) => tx.insert(counters).values({ name: `r${i}`, value: i }))
                .then(() => resolve(), reject);
            }),
          ),
      ),
    );
    const count = await database.db.select({ n: sql<number>`count(*)` }).from(counters);
    expect(Number(count[0]?.n)).toBe(21);
    expect(commits).toBe(1);
    database.close();
  });

  it("lets a writeSoon ride along with the next write's commit, or commit alone once its wait is over", async () => {
    const database = await open();
    const commits: boolean[] = [];
    database.onCommit(({ soonOnly }) => {
      commits.push(soonOnly);
    });
    let riderDone = false;
    const rider = database
      .writeSoon((tx) => tx.insert(counters).values({ name: "rider", value: 1 }), 60_000)
      .then(() => {
        riderDone = true;
      });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(riderDone).toBe(false);
    await database.write((tx) => tx.insert(counters).values({ name: "carrier", value: 2 }));
    await rider;
    expect(commits).toEqual([false]);
    // Alone, it waits its delay and then commits by itself (a commit of riders only).
    await database.writeSoon((tx) => tx.update(counters).set({ value: 3 }), 10);
    expect(commits).toEqual([false, true]);
    // A failing rider fails alone; its carrier commits.
    const failing = database.writeSoon((tx) => tx.insert(counters).values({ name: "n", value: 9 }), 60_000);
    await database.write((tx) => tx.insert(counters).values({ name: "after", value: 4 }));
    await expect(failing).rejects.toThrow();
    const names = await database.db.select({ name: counters.name }).from(counters).orderBy(counters.name);
    expect(names.map((row) => row.name)).toEqual(["after", "carrier", "n", "rider"]);
    database.close();
  });

  it("answers writes on its kept statements exactly as the client answers reads", async () => {
    const database = await open();
    const written = await database.write(async (tx) => {
      const inserted = await tx.insert(counters).values({ name: "m", value: 7 }).returning();
      const raw = await tx.all(sql`SELECT name, value, value * 2 AS twice FROM counters ORDER BY name`);
      const again = await tx.all(sql`SELECT name, value, value * 2 AS twice FROM counters ORDER BY name`);
      const changed = await tx.run(sql`UPDATE counters SET value = value + 1`);
      const [durability] = await tx.all<{ synchronous: number }>(sql`PRAGMA synchronous`);
      return { inserted, raw, again, rowsAffected: changed.rowsAffected, durability };
    });
    // COMMIT does not sync the WAL itself (NORMAL, 1): the write resolves only after the WAL's
    // fsync off the event loop (the tests below), which is FULL's guarantee.
    expect(written.durability).toEqual({ synchronous: 1 });
    const read = await database.db.all(
      sql`SELECT name, value, value * 2 - 2 AS twice FROM counters ORDER BY name`,
    );
    expect(written.inserted).toEqual([{ name: "m", value: 7 }]);
    expect(written.raw).toEqual([
      { name: "m", value: 7, twice: 14 },
      { name: "n", value: 0, twice: 0 },
    ]);
    expect(written.again).toEqual(written.raw);
    expect(written.rowsAffected).toBe(2);
    expect(read).toEqual([
      { name: "m", value: 8, twice: 14 },
      { name: "n", value: 1, twice: 0 },
    ]);
    // A broken constraint is the client's LibsqlError with SQLite's codes, and rolls back alone.
    const duplicate = await database
      .write((tx) => tx.insert(counters).values({ name: "n", value: 1 }))
      .catch((error: unknown) => error);
    expect((duplicate as Error).cause).toMatchObject({
      code: "SQLITE_CONSTRAINT",
      extendedCode: "SQLITE_CONSTRAINT_PRIMARYKEY",
    });
    await expect(database.write((tx) => tx.update(counters).set({ value: 5 }))).resolves.toBeDefined();
    expect(await database.db.select().from(counters).orderBy(counters.name)).toEqual([
      { name: "m", value: 5 },
      { name: "n", value: 5 },
    ]);
    database.close();
  });

  it("rolls back only the failing write of a group that shares a commit", async () => {
    const database = await open();
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        database.write(async (tx) => {
          const [row] = await tx.select().from(counters);
          await tx.update(counters).set({ value: (row?.value ?? 0) + 1 });
          if (i === 4) throw new Error("this one breaks a rule");
          return i;
        }),
      ),
    );
    expect(results.filter((r) => r.status === "rejected")).toHaveLength(1);
    expect(results[4]).toMatchObject({ status: "rejected", reason: new Error("this one breaks a rule") });
    expect(results[9]).toEqual({ status: "fulfilled", value: 9 });
    const [row] = await database.db.select().from(counters);
    expect(row?.value).toBe(9);
    database.close();
  });

  it("rolls back a write whose function throws and uses WAL", async () => {
    const database = await open();
    await expect(
      database.write(async (tx) => {
        await tx.update(counters).set({ value: 99 });
        throw new Error("rule broken");
      }),
    ).rejects.toThrow("rule broken");
    const [row] = await database.db.select().from(counters);
    expect(row?.value).toBe(0);
    const mode = await database.client.execute("PRAGMA journal_mode");
    expect(String(mode.rows[0]?.[0])).toBe("wal");
    await expect(database.ping()).resolves.toBeUndefined();
    const count = await database.db.select({ n: sql<number>`count(*)` }).from(counters);
    expect(Number(count[0]?.n)).toBe(1);
    database.close();
  });

  it("names a storage fault SQLite reports, and probes with a real write before saying writes go again", async () => {
    const database = await open();
    await expect(database.writable()).resolves.toBeUndefined();
    // A database capped at its current size is as full as a full disk, to SQLite.
    const full = await database
      .write(async (tx) => {
        const [row] = await tx.all<{ page_count: number }>(sql`PRAGMA page_count`);
        await tx.run(sql.raw(`PRAGMA max_page_count = ${Number(row?.page_count)}`));
        await tx.insert(counters).values({ name: "x".repeat(100_000), value: 1 });
      })
      .catch((error: unknown) => error);
    expect(storageFaultOf(full)).toBe("SQLITE_FULL");
    expect(storageFaultOf(new Error("rule broken"))).toBeUndefined();
    expect(storageFaultOf(Object.assign(new Error("wrapped"), { cause: full }))).toBe("SQLITE_FULL");
    // The one-page probe fits, so the database reports itself writable again.
    await expect(database.writable()).resolves.toBeUndefined();
    database.close();
  });

  /** Real fsyncs that the test lets go, recording what each was asked to sync. */
  function heldSync() {
    const calls: Array<{ path: string; release: (error?: Error) => void }> = [];
    const syncFile: SyncFile = (path) =>
      new Promise<void>((resolve, reject) => {
        calls.push({
          path,
          release: (error) => (error ? reject(error) : fsyncFile(path).then(resolve, reject)),
        });
      });
    return { calls, syncFile };
  }

  /** A database whose WAL syncs are held (`heldSync`), with one write already waiting on the first. */
  async function heldWrite(change: (tx: Tx) => Promise<unknown>) {
    const { calls, syncFile } = heldSync();
    const database = await open(syncFile);
    const write = database.write(change);
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    return { held: { calls }, database, write };
  }

  const settledSoon = async (promise: Promise<unknown>) => {
    let settled = false;
    void promise.then(
      () => (settled = true),
      () => (settled = true),
    );
    await new Promise((resolve) => setTimeout(resolve, 30));
    return settled;
  };

  it("resolves a write only once its commit's WAL is synced, and tells listeners only then", async () => {
    let heard = 0;
    const { held, database, write } = await heldWrite((tx) => tx.update(counters).set({ value: 1 }));
    database.onCommit(() => {
      heard += 1;
    });
    // The sync is asked for after the COMMIT (another connection already reads the value), of
    // the WAL file, and until it returns the write is not answered.
    expect(held.calls[0]!.path).toMatch(/test\.db-wal$/);
    expect(await database.db.select().from(counters)).toEqual([{ name: "n", value: 1 }]);
    expect(await settledSoon(write)).toBe(false);
    expect(heard).toBe(0);
    held.calls[0]!.release();
    await expect(write).resolves.toBeDefined();
    expect(heard).toBe(1);
    database.close();
  });

  it("answers writeCommitted once committed, before the WAL sync, and durable and listeners only after it", async () => {
    const held = heldSync();
    const database = await open(held.syncFile);
    let heard = 0;
    database.onCommit(() => {
      heard += 1;
    });
    const { committed, durable } = database.writeCommitted(async (tx) => {
      await tx.update(counters).set({ value: 7 });
      return "recorded";
    });
    // Committed: the value is in the WAL (another connection reads it) while the sync is held.
    await expect(committed).resolves.toBe("recorded");
    expect(await database.db.select().from(counters)).toEqual([{ name: "n", value: 7 }]);
    await vi.waitFor(() => expect(held.calls).toHaveLength(1));
    expect(await settledSoon(durable)).toBe(false);
    expect(heard).toBe(0);
    held.calls[0]!.release();
    await expect(durable).resolves.toBe("recorded");
    expect(heard).toBe(1);
    database.close();
  });

  it("rejects writeCommitted's durable alone when the sync fails, and both when the write fails", async () => {
    const held = heldSync();
    const database = await open(held.syncFile);
    // Only `committed` awaited, as the dispatcher does: a failed sync is no unhandled rejection.
    const first = database.writeCommitted((tx) => tx.update(counters).set({ value: 1 }));
    await first.committed;
    await vi.waitFor(() => expect(held.calls).toHaveLength(1));
    held.calls[0]!.release(Object.assign(new Error("EIO: i/o error, fsync"), { code: "EIO" }));
    expect(storageFaultOf(await first.durable.catch((error: unknown) => error))).toBe("EIO");

    const failing = database.writeCommitted(async (tx) => {
      await tx.insert(counters).values({ name: "n", value: 2 });
    });
    await expect(failing.committed).rejects.toThrow();
    await expect(failing.durable).rejects.toThrow();
    expect(held.calls).toHaveLength(1);
    database.close();
  });

  it("lets later commits go on during a sync and covers them all with the next one", async () => {
    const { held, database, write: first } = await heldWrite((tx) => tx.update(counters).set({ value: 1 }));
    // Three more batches commit while the first sync runs; none of them may ride on it.
    const later = [2, 3, 4].map((value) =>
      database.write((tx) => tx.insert(counters).values({ name: `v${value}`, value })),
    );
    await vi.waitFor(async () => {
      const rows = await database.db.select().from(counters);
      expect(rows).toHaveLength(4);
    });
    expect(held.calls).toHaveLength(1);
    expect(await settledSoon(Promise.race(later))).toBe(false);
    held.calls[0]!.release();
    await first;
    await vi.waitFor(() => expect(held.calls).toHaveLength(2));
    expect(await settledSoon(Promise.race(later))).toBe(false);
    held.calls[1]!.release();
    await Promise.all(later);
    expect(held.calls).toHaveLength(2);
    database.close();
  });

  it("refuses a write whose WAL sync failed with the disk's own code, and probes before writing again", async () => {
    const { held, database, write } = await heldWrite((tx) => tx.update(counters).set({ value: 1 }));
    held.calls[0]!.release(Object.assign(new Error("EIO: i/o error, fsync"), { code: "EIO" }));
    const failure = await write.catch((error: unknown) => error);
    expect(storageFaultOf(failure)).toBe("EIO");
    // writable() writes a page for real and waits for its sync.
    const probe = database.writable();
    await vi.waitFor(() => expect(held.calls).toHaveLength(2));
    expect(await settledSoon(probe)).toBe(false);
    held.calls[1]!.release();
    await expect(probe).resolves.toBeUndefined();
    database.close();
  });

  it("keeps SQLite's checkpoints off the write connection and runs them on a thread of its own", async () => {
    const database = await open(undefined, { checkpointPace: { everyMs: 60_000, everyCommits: 50 } });
    const file = database.url.slice("file:".length);
    const [setting] = await database.write((tx) =>
      tx.all<{ wal_autocheckpoint: number }>(sql`PRAGMA wal_autocheckpoint`),
    );
    expect(setting).toEqual({ wal_autocheckpoint: 0 });
    const before = statSync(file).size;
    // Pages these commits write stay in the WAL until a checkpoint copies them into the database
    // file: nobody but the checkpointer's thread does (none of these connections), due here after
    // 50 commits.
    for (let i = 0; i < 50; i++) {
      await database.write((tx) =>
        tx.insert(counters).values({ name: `c${i}`.padEnd(4_000, "x"), value: i }),
      );
    }
    await vi.waitFor(() => expect(statSync(file).size).toBeGreaterThan(before + 100_000), {
      timeout: 10_000,
    });
    database.close();
  });

  it("counts only commits that changed rows towards a checkpoint, so an idle service holds no thread for it", async () => {
    const database = await open(undefined, { checkpointPace: { everyMs: 60_000, everyCommits: 5 } });
    const file = database.url.slice("file:".length);
    const before = statSync(file).size;
    const insert = (i: number) =>
      database.write((tx) => tx.insert(counters).values({ name: `c${i}`.padEnd(4_000, "x"), value: i }));
    await insert(0);
    // What a scheduler's claim does when nothing is due: a commit that changes no row. Counted,
    // the fifth would start a checkpoint (and its thread); 20 of them start none.
    for (let i = 0; i < 20; i++) {
      await database.write((tx) => tx.update(counters).set({ value: 1 }).where(sql`name = 'nobody'`));
    }
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(statSync(file).size).toBe(before);
    // Four more commits that do write make five: the checkpoint copies their pages.
    for (let i = 1; i < 5; i++) await insert(i);
    await vi.waitFor(() => expect(statSync(file).size).toBeGreaterThan(before + 10_000), {
      timeout: 10_000,
    });
    database.close();
  });

  it("starts no checkpoint for a handful of commits, and one soon after enough have come in", async () => {
    const database = await open(undefined, {
      checkpointPace: { everyMs: 50, everyCommits: 1_000, leastCommits: 10 },
    });
    const file = database.url.slice("file:".length);
    const before = statSync(file).size;
    const insert = (i: number) =>
      database.write((tx) => tx.insert(counters).values({ name: `c${i}`.padEnd(4_000, "x"), value: i }));
    // A service's seeds at start: nine commits, then nothing. Their pages stay in the WAL.
    for (let i = 0; i < 9; i++) await insert(i);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(statSync(file).size).toBe(before);
    // The tenth starts the clock: checkpointed 50 ms later.
    await insert(9);
    await vi.waitFor(() => expect(statSync(file).size).toBeGreaterThan(before + 30_000), {
      timeout: 10_000,
    });
    database.close();
  });
});
