// Pages of the conferences a reader may see: their organisation's (coordinators) and those they
// are invited to (partners, police), newest first, under one opaque cursor.
import type { Executor } from "@relais/db";
import { decodeCursor, encodeCursor, type Principal } from "@relais/service-kit";
import { and, desc, eq, inArray, lt } from "drizzle-orm";
import { z } from "zod";
import { isInvitee } from "../domain/access.js";
import { conferences, invitees } from "./schema.js";

/** Opaque to clients like every cursor: a forged or foreign one is a 400 naming `cursor`. */
const ConferenceCursor = z.object({ id: z.string().min(1).max(64) });

export async function conferencesFor(
  db: Executor,
  reader: { principal: Principal; zone: string },
  cursor?: string,
  limit = 50,
) {
  const { principal } = reader;
  const after = decodeCursor(cursor, ConferenceCursor);
  const before = after ? lt(conferences.id, after.id) : undefined;
  const organised = principal.roles.includes("coordinator")
    ? await db
        .select()
        .from(conferences)
        .where(and(eq(conferences.orgId, principal.org), before))
        .orderBy(desc(conferences.id))
        .limit(limit + 1)
    : [];
  const invitedRows = principal.roles.some((r) => r === "partner" || r === "police")
    ? await db
        .select({ conferenceId: invitees.conferenceId, invitee: invitees })
        .from(invitees)
        .where(and(eq(invitees.organisation, principal.org), eq(invitees.status, "invited")))
    : [];
  const invitedIds = [
    ...new Set(
      invitedRows.filter((r) => isInvitee(principal, reader.zone, r.invitee)).map((r) => r.conferenceId),
    ),
  ];
  const invited =
    invitedIds.length > 0
      ? await db
          .select()
          .from(conferences)
          .where(and(inArray(conferences.id, invitedIds), before))
          .orderBy(desc(conferences.id))
          .limit(limit + 1)
      : [];
  const all = [...new Map([...organised, ...invited].map((c) => [c.id, c])).values()].sort((a, b) =>
    a.id < b.id ? 1 : -1,
  );
  const page = all.slice(0, limit);
  return { page, nextCursor: all.length > limit ? encodeCursor({ id: page.at(-1)!.id }) : null };
}
