// Opens a service's libSQL database with the settings this stack needs (see DESIGN.md, "Facts
// measured"): a busy timeout, WAL, a small pool, and write transactions run one at a time.
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { type Client, createClient } from "@libsql/client";
import { Mutex } from "async-mutex";
import { drizzle, type LibSQLDatabase } from "drizzle-orm/libsql";
import { migrate } from "drizzle-orm/libsql/migrator";

export type Schema = Record<string, unknown>;
export type Tx<S extends Schema = Schema> = Parameters<Parameters<LibSQLDatabase<S>["transaction"]>[0]>[0];
/** Anything a query can run on: the database itself or an open transaction. */
export type Executor<S extends Schema = Schema> = LibSQLDatabase<S> | Tx<S>;

export interface Database<S extends Schema = Schema> {
  /** For reads. Writes go through `write` so they never contend for the SQLite write lock. */
  readonly db: LibSQLDatabase<S>;
  readonly client: Client;
  readonly url: string;
  /** Runs `fn` in a write transaction, one at a time per process; committed when `fn` resolves. */
  write<T>(fn: (tx: Tx<S>) => Promise<T>): Promise<T>;
  /** Called after every committed `write`: the outbox relay wakes on it instead of polling. */
  onCommit(listener: () => void): () => void;
  ping(): Promise<void>;
  close(): void;
}

export interface OpenDatabaseOptions<S extends Schema> {
  url: string;
  authToken?: string;
  schema: S;
  /** Folder of drizzle-kit migrations to apply at open. */
  migrationsFolder?: string;
  busyTimeoutMs?: number;
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

  const lock = new Mutex();
  const listeners = new Set<() => void>();
  return {
    db,
    client,
    url: options.url,
    async write(fn) {
      const result = await lock.runExclusive(() => db.transaction(fn));
      for (const listener of listeners) listener();
      return result;
    },
    onCommit(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async ping() {
      await client.execute("SELECT 1");
    },
    close() {
      client.close();
    },
  };
}

function ensureParentFolder(url: string): void {
  const path = url.startsWith("file://") ? fileURLToPath(url) : url.slice("file:".length);
  if (path && path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
}
