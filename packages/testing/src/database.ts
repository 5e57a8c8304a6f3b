// A real libSQL file database per test, with the service's migrations applied.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Database, openDatabase, type Schema } from "@relais/db";

export interface TempDatabaseOptions<S extends Schema> {
  schema: S;
  migrationsFolder?: string;
}

export type TempDatabase<S extends Schema = Schema> = Database<S> & {
  /** Path of the database file. */
  readonly path: string;
  /** Closes the database and removes its folder. Idempotent. */
  cleanup(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
};

export async function tempDatabase<S extends Schema>(
  options: TempDatabaseOptions<S>,
): Promise<TempDatabase<S>> {
  const dir = await mkdtemp(join(tmpdir(), "relais-db-"));
  const path = join(dir, "test.db");
  let database: Database<S>;
  try {
    database = await openDatabase({
      url: `file:${path}`,
      schema: options.schema,
      migrationsFolder: options.migrationsFolder,
    });
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  let cleaned = false;
  const cleanup = async () => {
    if (cleaned) return;
    cleaned = true;
    database.close();
    await rm(dir, { recursive: true, force: true });
  };
  return Object.assign(database, { path, cleanup, [Symbol.asyncDispose]: cleanup });
}
