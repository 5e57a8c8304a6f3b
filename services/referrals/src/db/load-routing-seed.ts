// Loads the routing seed into an organisation whose routing table is still empty. Safe to run at
// every start: an organisation with any route (seeded or edited) is left alone.
import { type Database, rowExists } from "@relais/db";
import { eq } from "drizzle-orm";
import { municipalityKey } from "../domain/routing.js";
import { forgetRoutes } from "./route-cache.js";
import { seedRoutes } from "./routing-seed.js";
import { routes } from "./schema.js";

export async function loadRoutingSeed(database: Database, orgId: string, at: Date): Promise<number> {
  return database
    .write(async (tx) => {
      if (await rowExists(tx, routes, [eq(routes.orgId, orgId)])) return 0;
      const rows = seedRoutes().map((route) => ({
        orgId,
        municipalityKey: municipalityKey(route.municipality),
        municipality: route.municipality,
        role: route.role,
        team: route.team,
        teamEmail: route.teamEmail,
        project: route.project,
        updatedAt: at.toISOString(),
      }));
      // Chunked: SQLite caps the number of bound parameters per statement.
      for (let i = 0; i < rows.length; i += 100) {
        await tx
          .insert(routes)
          .values(rows.slice(i, i + 100))
          .onConflictDoNothing();
      }
      return rows.length;
    })
    .finally(() => forgetRoutes(database));
}
