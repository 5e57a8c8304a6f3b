// Grid versions as stored: the current one is the highest version of the organisation.
import { type Database, type Executor, rowByParams, rowExists } from "@relais/db";
import { desc, eq } from "drizzle-orm";
import { GridDefinition } from "../domain/criticality.js";
import { EXAMPLE_GRID } from "./criticality-grid-example.js";
import type * as schema from "./schema.js";
import { criticalityGrids } from "./schema.js";

export type GridRow = typeof criticalityGrids.$inferSelect;

export interface StoredGrid {
  version: number;
  definition: GridDefinition;
  publishedAt: string;
  publishedBy: string;
}

function toGrid(row: GridRow): StoredGrid {
  return {
    version: row.version,
    definition: definitionOf(row.definition),
    publishedAt: row.publishedAt,
    publishedBy: row.publishedBy,
  };
}

/**
 * Parsed definitions by their stored text: it spares the intake path validating the grid again for
 * every referral. Keyed by the text itself, so a cached definition can never be another one's.
 */
const parsed = new Map<string, GridDefinition>();
const MAX_CACHED = 200;

function definitionOf(json: string): GridDefinition {
  const key = json;
  let definition = parsed.get(key);
  if (!definition) {
    definition = GridDefinition.parse(JSON.parse(json));
    if (parsed.size >= MAX_CACHED) parsed.clear();
    parsed.set(key, definition);
  }
  return definition;
}

/** The organisation's current grid (its latest version), or null when it has none. */
export async function currentGrid(db: Executor<typeof schema>, orgId: string): Promise<StoredGrid | null> {
  const [row] = await db
    .select()
    .from(criticalityGrids)
    .where(eq(criticalityGrids.orgId, orgId))
    .orderBy(desc(criticalityGrids.version))
    .limit(1);
  return row ? toGrid(row) : null;
}

export async function gridVersion(
  db: Executor<typeof schema>,
  orgId: string,
  version: number,
): Promise<StoredGrid | null> {
  const row = await rowByParams(db, "referrals.gridVersion", criticalityGrids, { orgId, version });
  return row ? toGrid(row) : null;
}

/** The subject the example grid's version names as its publisher. */
export const EXAMPLE_PUBLISHER = "system:example-grid";

/**
 * Loads the example grid as version 1 into an organisation that has no grid yet. Safe at every
 * start: an organisation with any grid version is left alone.
 */
export async function loadExampleGrid(database: Database, orgId: string, at: Date): Promise<boolean> {
  return database.write(async (tx) => {
    if (await rowExists(tx, criticalityGrids, [eq(criticalityGrids.orgId, orgId)])) return false;
    const definition = GridDefinition.parse(EXAMPLE_GRID);
    await tx
      .insert(criticalityGrids)
      .values({
        orgId,
        version: 1,
        title: definition.title,
        definition: JSON.stringify(definition),
        publishedAt: at.toISOString(),
        publishedBy: EXAMPLE_PUBLISHER,
      })
      .onConflictDoNothing();
    return true;
  });
}
