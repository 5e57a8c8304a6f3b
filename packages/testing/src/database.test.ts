import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import * as schema from "../test/fixtures/schema.js";
import { tempDatabase } from "./database.js";

const migrationsFolder = join(dirname(fileURLToPath(import.meta.url)), "../test/fixtures/drizzle");

describe("tempDatabase", () => {
  it("opens a fresh file database with the migrations applied, and removes it on cleanup", async () => {
    const database = await tempDatabase({ schema, migrationsFolder });
    try {
      expect(database.url).toBe(`file:${database.path}`);
      expect(existsSync(database.path)).toBe(true);
      await database.write((tx) => tx.insert(schema.notes).values({ body: "hello" }));
      const rows = await database.db.select().from(schema.notes);
      expect(rows).toEqual([{ id: 1, body: "hello" }]);
    } finally {
      await database.cleanup();
    }
    expect(existsSync(dirname(database.path))).toBe(false);
    await database.cleanup();
  });

  it("gives every call its own database", async () => {
    await using first = await tempDatabase({ schema, migrationsFolder });
    await using second = await tempDatabase({ schema, migrationsFolder });
    expect(first.path).not.toBe(second.path);
    await first.write((tx) => tx.insert(schema.notes).values({ body: "only in first" }));
    expect(await second.db.select().from(schema.notes)).toEqual([]);
  });
});
