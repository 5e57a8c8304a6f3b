// Safety check-ins raised when a victim misses a victim-group session: the facilitator's to-do list.
import { audit } from "@relais/service-kit";
import { and, asc, eq, inArray } from "drizzle-orm";
import { enrolments, groupFacilitators, safetyCheckIns, sessions } from "../db/schema.js";
import type { ReadCtx } from "./context.js";

export interface CheckIn {
  id: string;
  groupId: string;
  sessionId: string;
  sessionStartsAt: string;
  enrolmentId: string;
  personRef: string;
  displayName: string | null;
  status: "open" | "done" | "void";
  createdAt: string;
  resolvedAt: string | null;
}

/** Check-ins of the groups the caller runs (coordinators: the whole organisation). */
export async function listCheckIns(
  ctx: ReadCtx,
  { status }: { status: "open" | "done" | "void" },
): Promise<CheckIn[]> {
  const { database, principal, requestId } = ctx;
  const { db } = database;
  const mine = principal.roles.includes("coordinator")
    ? undefined
    : inArray(
        safetyCheckIns.groupId,
        db
          .select({ id: groupFacilitators.groupId })
          .from(groupFacilitators)
          .where(eq(groupFacilitators.sub, principal.sub)),
      );
  const rows = await db
    .select({ checkIn: safetyCheckIns, enrolment: enrolments, session: sessions })
    .from(safetyCheckIns)
    .innerJoin(enrolments, eq(enrolments.id, safetyCheckIns.enrolmentId))
    .innerJoin(sessions, eq(sessions.id, safetyCheckIns.sessionId))
    .where(and(eq(safetyCheckIns.orgId, principal.org), eq(safetyCheckIns.status, status), mine))
    .orderBy(asc(safetyCheckIns.createdAt))
    .limit(500);
  await database.write((tx) =>
    audit(tx, { principal, requestId }, "check_ins.read", { type: "check_in", id: status }),
  );
  return rows.map(({ checkIn, enrolment, session }) => ({
    id: checkIn.id,
    groupId: checkIn.groupId,
    sessionId: checkIn.sessionId,
    sessionStartsAt: session.startsAt,
    enrolmentId: checkIn.enrolmentId,
    personRef: enrolment.personRef,
    displayName: enrolment.displayName,
    status: checkIn.status,
    createdAt: checkIn.createdAt,
    resolvedAt: checkIn.resolvedAt,
  }));
}
