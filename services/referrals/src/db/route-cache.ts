// The routing table as intake reads it, kept in memory: every referral looks its municipality up,
// and the table changes only through `PUT /v1/routes/{municipality}` and the seed at start, both
// in this process. Cached only for a `file:` database, which belongs to one process (see
// docs/operations.md); on a libSQL server other replicas may change routes, so every lookup
// reads the table there.
import type { Database } from "@relais/db";
import { and, eq } from "drizzle-orm";
import type { RouteEntry } from "../domain/routing.js";
import { routes } from "./schema.js";

interface Cache {
  entries: Map<string, RouteEntry[]>;
  /** Bumped by every change, so a lookup that read before the change does not store stale rows. */
  generation: number;
}

const caches = new WeakMap<Database, Cache>();

function cacheOf(database: Database): Cache | undefined {
  if (!database.url.startsWith("file:")) return undefined;
  let cache = caches.get(database);
  if (!cache) {
    cache = { entries: new Map(), generation: 0 };
    caches.set(database, cache);
  }
  return cache;
}

/** The routes (one per role at most) of an organisation's municipality, as last committed. */
export async function lookUpRoutes(
  // biome-ignore lint/suspicious/noExplicitAny: any service schema that has the routes table
  database: Database<any>,
  orgId: string,
  key: string,
): Promise<RouteEntry[]> {
  const cache = cacheOf(database);
  const cacheKey = `${orgId}\u0000${key}`;
  const hit = cache?.entries.get(cacheKey);
  if (hit) return hit;
  const generation = cache?.generation;
  // Read on the read connections: what is committed, never a write still in flight.
  const rows: RouteEntry[] = await database.db
    .select({ role: routes.role, team: routes.team, teamEmail: routes.teamEmail })
    .from(routes)
    .where(and(eq(routes.orgId, orgId), eq(routes.municipalityKey, key)));
  if (cache && cache.generation === generation) cache.entries.set(cacheKey, rows);
  return rows;
}

/** Call once a change to the routing table has committed (or failed: forgetting is always safe). */
export function forgetRoutes(database: Database): void {
  const cache = caches.get(database);
  if (!cache) return;
  cache.generation += 1;
  cache.entries.clear();
}
