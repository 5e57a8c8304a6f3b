// Opens a service's libSQL database with the settings this stack needs (see DESIGN.md, "Facts
// measured"): a busy timeout, WAL, a small pool, and write transactions run one at a time.
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { type Client, createClient } from "@libsql/client";
import { sql } from "drizzle-orm";
import { drizzle, type LibSQLDatabase } from "drizzle-orm/libsql";
import { migrate } from "drizzle-orm/libsql/migrator";
import { type CheckpointPace, checkpointer, type SyncFile, walSyncer } from "./durability.js";
import { type FastWriter, handOut, takeBack } from "./hot-path.js";
import { openWriteConnection, type WriteConnection } from "./write-connection.js";

export type Schema = Record<string, unknown>;
export type Tx<S extends Schema = Schema> = Parameters<Parameters<LibSQLDatabase<S>["transaction"]>[0]>[0];
/** Anything a query can run on: the database itself or an open transaction. */
export type Executor<S extends Schema = Schema> = LibSQLDatabase<S> | Tx<S>;

export interface Database<S extends Schema = Schema> {
  /** For reads. Writes go through `write` so they never contend for the SQLite write lock. */
  readonly db: LibSQLDatabase<S>;
  readonly client: Client;
  readonly url: string;
  /**
   * Runs `fn` in a write transaction, one at a time per process; resolves once committed.
   * Writes queued meanwhile share one COMMIT, each in its own savepoint.
   */
  write<T>(fn: (tx: Tx<S>) => Promise<T>): Promise<T>;
  /**
   * Like `write`, for bookkeeping that should not cost a disk sync of its own (the relay marking
   * events sent): `fn` joins the next batch that commits anyway, or commits alone after
   * `maxDelayMs`. Resolves once committed, like `write`.
   */
  writeSoon<T>(fn: (tx: Tx<S>) => Promise<T>, maxDelayMs: number): Promise<T>;
  /**
   * Like `write`, answered twice: `committed` once the COMMIT has returned (its WAL frames are
   * written to the file: they survive the process being killed, not yet a power cut), `durable`
   * once the WAL is synced, as `write` resolves. Listeners still hear of the commit only when it
   * is durable, so nothing is published for a row a power cut could take back. For work that may
   * go on after a process crash but not after an OS crash (the dispatcher's next send: its
   * message carries the same Message-ID if it is ever sent again). Reject `durable` unhandled
   * and nothing crashes: a caller that only waits for `committed` logs `durable`'s failure.
   */
  writeCommitted<T>(fn: (tx: Tx<S>) => Promise<T>): { committed: Promise<T>; durable: Promise<T> };
  /**
   * Called after every commit: the outbox relay wakes on it instead of polling. `soonOnly` when
   * the commit held only `writeSoon` writes (nothing new for anyone to pick up).
   */
  onCommit(listener: (commit: { soonOnly: boolean }) => void): () => void;
  ping(): Promise<void>;
  /**
   * Resolves when writes go through. After a write failed on a storage fault (disk full,
   * read-only, I/O error) it tries a one-page write, so readiness recovers on its own once the
   * disk does; otherwise it costs nothing.
   */
  writable(): Promise<void>;
  close(): void;
}

// SQLite's primary result codes for a disk that cannot take or give data. Extended codes
// (SQLITE_IOERR_WRITE, SQLITE_READONLY_DBMOVED…) share the prefix.
const STORAGE_FAULTS = ["SQLITE_FULL", "SQLITE_READONLY", "SQLITE_IOERR", "SQLITE_CANTOPEN"];
const STORAGE_ERRNOS = ["ENOSPC", "EROFS", "EIO", "EDQUOT"];

/** The code of the storage fault behind `error` (looking through its causes), or undefined. */
export function storageFaultOf(error: unknown): string | undefined {
  for (let cause = error, depth = 0; cause instanceof Error && depth < 5; depth++) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === "string") {
      if (STORAGE_FAULTS.some((fault) => code === fault || code.startsWith(`${fault}_`))) return code;
      if (STORAGE_ERRNOS.includes(code)) return code;
    }
    cause = cause.cause;
  }
  return undefined;
}

export interface OpenDatabaseOptions<S extends Schema> {
  url: string;
  authToken?: string;
  schema: S;
  /** Folder of drizzle-kit migrations to apply at open. */
  migrationsFolder?: string;
  busyTimeoutMs?: number;
  /** How a `file:` database's WAL is made durable before a write resolves (tests wrap it). */
  syncFile?: SyncFile;
  /** How often a `file:` database's WAL is checkpointed while it is written (durability.ts). */
  checkpointPace?: Partial<CheckpointPace>;
}

export async function openDatabase<S extends Schema>(options: OpenDatabaseOptions<S>): Promise<Database<S>> {
  const isFile = options.url.startsWith("file:");
  if (isFile) ensureParentFolder(options.url);
  const client = createClient({
    url: options.url,
    authToken: options.authToken,
    // A few connections serve concurrent reads; writes are serialised below anyway.
    concurrency: 4,
    timeout: options.busyTimeoutMs ?? 5_000,
  });
  if (isFile) {
    // journal_mode is a property of the file, so setting it once covers every pooled connection.
    await client.execute("PRAGMA journal_mode = WAL");
  }
  const db = drizzle(client, { schema: options.schema });
  if (options.migrationsFolder) await migrate(db, { migrationsFolder: options.migrationsFolder });

  // A file's writes run on a connection of their own that keeps its prepared statements
  // (write-connection.ts); a server's, and an in-memory database's, on the client.
  const filePath = isFile ? localPath(options.url) : undefined;
  const writer = filePath
    ? openWriteConnection(filePath, { timeoutMs: options.busyTimeoutMs ?? 5_000 })
    : undefined;
  const writeDb = writer ? drizzle(writer.client, { schema: options.schema }) : db;
  const wal = filePath ? walSyncer(`${filePath}-wal`, options.syncFile) : undefined;
  const checkpoints = filePath
    ? checkpointer(filePath, {
        timeoutMs: options.busyTimeoutMs ?? 5_000,
        ...(options.checkpointPace ? { pace: options.checkpointPace } : {}),
      })
    : undefined;

  const listeners = new Set<(commit: { soonOnly: boolean }) => void>();
  const committer = createGroupCommitter(
    writeDb,
    (commit) => {
      for (const listener of listeners) listener(commit);
    },
    writer ? fastWriter(writer) : undefined,
    wal
      ? (wrote) => {
          // A commit that changed no row (a scheduler's claim with nothing due, every few seconds
          // on an idle service) leaves nothing to copy: counted, it kept the checkpointer's
          // thread (~10 MiB) alive forever on an idle service.
          if (wrote) checkpoints?.committed();
          return wal.sync();
        }
      : undefined,
  );
  // The last write's storage fault, until a write commits again.
  let fault: unknown;
  const write = async <T>(
    fn: (tx: Tx<S>) => Promise<T>,
    soonMs?: number,
    onCommitted?: (value: unknown) => void,
  ): Promise<T> => {
    try {
      const value = await committer.run(fn, soonMs, onCommitted);
      fault = undefined;
      return value;
    } catch (error) {
      if (storageFaultOf(error)) fault = error;
      throw error;
    }
  };
  return {
    db,
    client,
    url: options.url,
    write: (fn) => write(fn),
    writeSoon: (fn, maxDelayMs) => write(fn, maxDelayMs),
    writeCommitted<T>(fn: (tx: Tx<S>) => Promise<T>) {
      let committed!: Promise<T>;
      const durable = new Promise<T>((resolveDurable, rejectDurable) => {
        committed = new Promise<T>((resolveCommitted, rejectCommitted) => {
          write(fn, undefined, resolveCommitted as (value: unknown) => void).then(
            (value) => {
              // A batch of one write and no WAL to sync resolves without a separate commit call.
              resolveCommitted(value);
              resolveDurable(value);
            },
            (error: unknown) => {
              rejectCommitted(error);
              rejectDurable(error);
            },
          );
        });
      });
      // Waiting only for `committed` is the point: a failed sync must not be an unhandled rejection.
      durable.catch(() => undefined);
      return { committed, durable };
    },
    onCommit(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async ping() {
      await client.execute("SELECT 1");
    },
    async writable() {
      if (fault === undefined) return;
      // Rewriting the header's user_version (unused by drizzle) dirties one page: a real write.
      await write(async (tx) => {
        const [row] = await tx.all<{ user_version: number }>(sql`PRAGMA user_version`);
        await tx.run(sql.raw(`PRAGMA user_version = ${Number(row?.user_version ?? 0)}`));
      });
    },
    close() {
      checkpoints?.close();
      wal?.close();
      writer?.close();
      client.close();
    },
  };
}

/** What the hot-path helpers run on inside a write of a `file:` database (hot-path.ts). */
function fastWriter(connection: WriteConnection): FastWriter {
  // drizzle's prepared statements call `execute` on their client: here the write connection,
  // which only a write's own transaction may use.
  const client = {
    async execute(stmt: { sql: string; args: never[] }) {
      if (!connection.inTransaction) throw new Error("a prepared write statement ran outside a write");
      return connection.run(stmt);
    },
  } as unknown as Client;
  return { connection, db: drizzle(client) as FastWriter["db"], prepared: new Map() };
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

function ensureParentFolder(url: string): void {
  const path = url.startsWith("file://") ? fileURLToPath(url) : url.slice("file:".length);
  if (path && path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
}

/** The path of a plain `file:` URL; undefined for in-memory databases and URLs with options. */
function localPath(url: string): string | undefined {
  if (url.includes("?") || url.includes(":memory:")) return undefined;
  const path = url.startsWith("file://") ? fileURLToPath(url) : url.slice("file:".length);
  return path === "" ? undefined : path;
}

interface PendingWrite<S extends Schema> {
  fn: (tx: Tx<S>) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  /** A `writeSoon` write: rides along with the next batch, or goes alone when this fires. */
  timer?: ReturnType<typeof setTimeout>;
  /** A `writeCommitted` write: told once the COMMIT returned, before the WAL sync. */
  committed?: (value: unknown) => void;
}

/**
 * Runs write transactions one at a time, and lets the writes that queued up meanwhile share one
 * COMMIT: each runs in its own savepoint (so a failing write rolls back alone), and all of them
 * resolve only once the shared COMMIT is durable. A commit costs a disk sync; under load this
 * spreads one sync over many requests instead of paying it per request.
 *
 * On a `file:` database the COMMIT itself does not sync (durability.ts): `durable` syncs the WAL
 * off the event loop, and the batch's writes resolve (and listeners hear of the commit) only when
 * it has. The next batch does not wait for that sync: it commits meanwhile and shares the next.
 *
 * libSQL runs statements synchronously, so a transaction never yields to I/O and nothing else
 * can queue while it runs: started at once, every write would be a batch of one and pay its own
 * sync (measured: as many commits as requests under 20 concurrent intakes). So a batch starts
 * only after the event loop's current turn (`setImmediate`): every request whose handler reached
 * `write` in the same turn (its body read, its token verified) joins it. Alone, a write waits
 * for that one turn and nothing else.
 */
function createGroupCommitter<S extends Schema>(
  db: LibSQLDatabase<S>,
  committed: (commit: { soonOnly: boolean }) => void,
  fast: FastWriter | undefined,
  /** Makes a commit durable; `wrote` is false when it changed no row. */
  durable: ((wrote: boolean) => Promise<void>) | undefined,
) {
  const queue: PendingWrite<S>[] = [];
  /** `writeSoon` writes waiting for a batch to ride along with. */
  const riders: PendingWrite<S>[] = [];
  let running = false;
  const maxBatch = 64;

  function start(): void {
    if (!running) {
      running = true;
      void nextTurn().then(drain);
    }
  }

  /** Runs one write function, its transaction handed to the hot-path helpers meanwhile. */
  async function runWrite(tx: Tx<S>, fn: (tx: Tx<S>) => Promise<unknown>): Promise<unknown> {
    if (!fast) return fn(tx);
    handOut(tx, fast);
    try {
      return await fn(tx);
    } finally {
      takeBack(tx);
    }
  }

  /**
   * One write of a batch, in its own savepoint so it fails alone. On the write connection the
   * savepoint statements go to SQLite directly rather than through drizzle's query building.
   */
  async function runInSavepoint(tx: Tx<S>, fn: (tx: Tx<S>) => Promise<unknown>): Promise<unknown> {
    if (!fast) return tx.transaction((sp) => runWrite(sp, fn));
    const { connection } = fast;
    connection.run({ sql: "SAVEPOINT relais_write", args: [] });
    let value: unknown;
    try {
      value = await runWrite(tx, fn);
    } catch (error) {
      try {
        connection.run({ sql: "ROLLBACK TO SAVEPOINT relais_write", args: [] });
        connection.run({ sql: "RELEASE SAVEPOINT relais_write", args: [] });
      } catch {
        // SQLite already rolled the whole transaction back (e.g. on a full disk): the COMMIT will
        // fail and reject the batch; this write keeps its own error, which names the fault.
      }
      throw error;
    }
    connection.run({ sql: "RELEASE SAVEPOINT relais_write", args: [] });
    return value;
  }

  /** `total_changes()` of the write connection after the last batch (unknown off a `file:`). */
  let changesSeen = fast?.connection.totalChanges();

  async function drain(): Promise<void> {
    running = true;
    try {
      while (queue.length > 0) {
        const batch = queue.splice(0, maxBatch);
        const soonOnly = batch.every((write) => write.timer !== undefined);
        // Riders join whatever commits next: their sync is paid by the batch's own.
        for (const rider of riders.splice(0)) {
          clearTimeout(rider.timer);
          batch.push(rider);
        }
        const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
        try {
          await db.transaction(async (tx) => {
            for (const write of batch) {
              try {
                // A lone write needs no savepoint: its failure rolls the whole transaction back.
                const value =
                  batch.length === 1 ? await runWrite(tx, write.fn) : await runInSavepoint(tx, write.fn);
                outcomes.push({ ok: true, value });
              } catch (error) {
                outcomes.push({ ok: false, error });
                if (batch.length === 1) throw error;
              }
            }
          });
        } catch (error) {
          // The COMMIT (or a lone write) failed: nothing of this batch is durable.
          batch.forEach((write, i) => {
            const outcome = outcomes[i];
            write.reject(outcome && !outcome.ok ? outcome.error : error);
          });
          continue;
        }
        batch.forEach((write, i) => {
          const outcome = outcomes[i]!;
          if (outcome.ok) write.committed?.(outcome.value);
        });
        const anyCommitted = outcomes.some((o) => o.ok);
        const settle = (syncError?: unknown) => {
          batch.forEach((write, i) => {
            const outcome = outcomes[i]!;
            if (!outcome.ok) write.reject(outcome.error);
            // Committed but not known to be on disk: the caller must not say it is (a 503, and a
            // retry with the same key finds the stored answer if the data did survive).
            else if (syncError !== undefined) write.reject(syncError);
            else write.resolve(outcome.value);
          });
          if (syncError === undefined && anyCommitted) committed({ soonOnly });
        };
        const changes = fast?.connection.totalChanges();
        const wrote = changes === undefined || changes !== changesSeen;
        changesSeen = changes;
        if (durable && anyCommitted) {
          durable(wrote).then(
            () => settle(),
            (error: unknown) => settle(error ?? new Error("WAL sync failed")),
          );
        } else settle();
        // The batch's statements ran without yielding; let network replies out and the requests
        // that arrived meanwhile in, so they form the next batch.
        await nextTurn();
      }
    } finally {
      running = false;
    }
  }

  return {
    /** With `soonMs`, a rider: it waits up to that long for a batch to join before going alone. */
    run<T>(fn: (tx: Tx<S>) => Promise<T>, soonMs?: number, committed?: (value: unknown) => void): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        const write: PendingWrite<S> = {
          fn,
          resolve: resolve as (value: unknown) => void,
          reject,
          ...(committed ? { committed } : {}),
        };
        if (soonMs === undefined) {
          queue.push(write);
          start();
          return;
        }
        riders.push(write);
        write.timer = setTimeout(() => {
          const at = riders.indexOf(write);
          if (at === -1) return;
          riders.splice(at, 1);
          queue.push(write);
          start();
        }, soonMs);
      });
    },
  };
}
