// The routing table as coordinators read and change it.
import { Conflict, decodeCursor, encodeCursor, recordAudit } from "@relais/service-kit";
import { and, asc, eq, gt } from "drizzle-orm";
import { z } from "zod";
import { forgetRoutes } from "../db/route-cache.js";
import { routes } from "../db/schema.js";
import type { RouteInput } from "../domain/route-input.js";
import { COORDINATOR_QUEUE, municipalityKey } from "../domain/routing.js";
import type { Ctx } from "./deps.js";

export interface RouteView {
  municipality: string;
  victim: { team: string; teamEmail: string | null } | null;
  author: { team: string; teamEmail: string | null } | null;
  project: string | null;
  updatedAt: string;
}

type RouteRow = typeof routes.$inferSelect;

function toViews(rows: RouteRow[]): RouteView[] {
  const byKey = new Map<string, RouteView>();
  for (const row of rows) {
    const view = byKey.get(row.municipalityKey) ?? {
      municipality: row.municipality,
      victim: null,
      author: null,
      project: row.project,
      updatedAt: row.updatedAt,
    };
    view[row.role] = { team: row.team, teamEmail: row.teamEmail };
    if (row.updatedAt > view.updatedAt) view.updatedAt = row.updatedAt;
    byKey.set(row.municipalityKey, view);
  }
  return [...byKey.values()];
}

const RouteCursor = z.object({ key: z.string() });

export async function listRoutes(
  ctx: Ctx,
  page: { limit: number; cursor?: string },
): Promise<{ items: RouteView[]; nextCursor: string | null }> {
  const { principal } = ctx;
  const after = decodeCursor(page.cursor, RouteCursor);
  // Two rows per municipality (victim, author): fetch enough rows for `limit` municipalities.
  const rows = await ctx.database.db
    .select()
    .from(routes)
    .where(and(eq(routes.orgId, principal.org), after ? gt(routes.municipalityKey, after.key) : undefined))
    .orderBy(asc(routes.municipalityKey), asc(routes.role))
    .limit(page.limit * 2 + 2);
  const keys = [...new Set(rows.map((r) => r.municipalityKey))];
  const pageKeys = new Set(keys.slice(0, page.limit));
  const items = toViews(rows.filter((r) => pageKeys.has(r.municipalityKey)));
  const last = keys[page.limit - 1];
  return { items, nextCursor: keys.length > page.limit && last ? encodeCursor({ key: last }) : null };
}

export async function putRoute(
  ctx: Ctx,
  { municipality, input }: { municipality: string; input: RouteInput },
): Promise<RouteView> {
  const { principal, requestId } = ctx;
  const key = municipalityKey(municipality);
  if (key === "") {
    throw new Conflict("Not a municipality name", "invalid_municipality", [
      { path: "municipality", message: "Empty once normalised" },
    ]);
  }
  if (input.victim.team === input.author.team) {
    throw new Conflict("Victim and author call-backs go to separate teams", "same_team", [
      { path: "author.team", message: "Must differ from victim.team" },
    ]);
  }
  if (input.victim.team === COORDINATOR_QUEUE || input.author.team === COORDINATOR_QUEUE) {
    throw new Conflict(`"${COORDINATOR_QUEUE}" is the coordinators' queue, not a team`, "reserved_team", [
      {
        path: input.victim.team === COORDINATOR_QUEUE ? "victim.team" : "author.team",
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
