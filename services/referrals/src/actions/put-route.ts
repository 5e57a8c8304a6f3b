// A coordinator sets a municipality's routes: the victim's and the author's call-back teams.
import { Conflict, recordAudit } from "@relais/service-kit";
import { forgetRoutes } from "../db/route-cache.js";
import { routes } from "../db/schema.js";
import type { RouteInput } from "../domain/route-input.js";
import { type RouteView, toViews } from "../domain/route-view.js";
import { COORDINATOR_QUEUE, municipalityKey } from "../domain/routing.js";
import type { Ctx } from "./deps.js";

export async function putRoute(
  ctx: Ctx,
  { municipality, input }: { municipality: string; input: RouteInput },
): Promise<RouteView> {
  const { principal, requestId } = ctx;
  const key = municipalityKey(municipality);
  if (key === "") {
    throw new Conflict("Not a municipality name", "invalid_municipality", [
      { path: "municipality", code: "blank", message: "Empty once normalised" },
    ]);
  }
  if (input.victim.team === input.author.team) {
    throw new Conflict("Victim and author call-backs go to separate teams", "same_team", [
      { path: "author.team", code: "same_team", message: "Must differ from victim.team" },
    ]);
  }
  if (input.victim.team === COORDINATOR_QUEUE || input.author.team === COORDINATOR_QUEUE) {
    throw new Conflict(`"${COORDINATOR_QUEUE}" is the coordinators' queue, not a team`, "reserved_team", [
      {
        path: input.victim.team === COORDINATOR_QUEUE ? "victim.team" : "author.team",
        code: "reserved",
        message: "Reserved",
      },
    ]);
  }
  const now = ctx.clock.now();
  const rows = (["victim", "author"] as const).map((role) => ({
    orgId: principal.org,
    municipalityKey: key,
    municipality: municipality.trim(),
    role,
    team: input[role].team,
    teamEmail: input[role].teamEmail ?? null,
    project: input.project ?? null,
    updatedAt: now.toISOString(),
  }));
  await ctx.database
    .write(async (tx) => {
      for (const row of rows) {
        await tx
          .insert(routes)
          .values(row)
          .onConflictDoUpdate({
            target: [routes.orgId, routes.municipalityKey, routes.role],
            set: {
              municipality: row.municipality,
              team: row.team,
              teamEmail: row.teamEmail,
              project: row.project,
              updatedAt: row.updatedAt,
            },
          });
      }
      await recordAudit(tx, {
        principal,
        action: "route.put",
        recordType: "route",
        recordId: key,
        requestId,
        at: now,
      });
    })
    // Intake's cached routes (route-cache.ts) are read afresh after any change, committed or not.
    .finally(() => forgetRoutes(ctx.database));
  return toViews(rows)[0]!;
}
