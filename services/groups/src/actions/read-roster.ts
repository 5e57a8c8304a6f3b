// The roster of one session: everyone enrolled now, and anyone recorded for it since (who may
// have left the group), with their attendance. Audited: it names participants.
import type { AttendanceStatus } from "@relais/contracts";
import { audit } from "@relais/service-kit";
import { and, asc, eq } from "drizzle-orm";
import { type GroupRecord, type SessionRecord, visibleSession } from "../db/group-store.js";
import { attendance, enrolments } from "../db/schema.js";
import type { ReadCtx } from "./context.js";

export interface RosterLine {
  enrolmentId: string;
  personRef: string;
  displayName: string | null;
  enrolmentStatus: string;
  attendance: AttendanceStatus | null;
  note: string | null;
  recordedBy: string | null;
  recordedAt: string | null;
}

export async function readRoster(
  ctx: ReadCtx,
  { sessionId }: { sessionId: string },
): Promise<{ group: GroupRecord; session: SessionRecord; lines: RosterLine[] }> {
  const { database, principal, requestId } = ctx;
  const { db } = database;
  const { group, session } = await visibleSession(db, principal, sessionId);
  const rows = await db
    .select({ enrolment: enrolments, record: attendance })
    .from(enrolments)
    .leftJoin(attendance, and(eq(attendance.enrolmentId, enrolments.id), eq(attendance.sessionId, sessionId)))
    .where(eq(enrolments.groupId, group.id))
    .orderBy(asc(enrolments.seq));
  const lines = rows
    .filter((row) => row.enrolment.status === "enrolled" || row.record !== null)
    .map(({ enrolment, record }) => ({
      enrolmentId: enrolment.id,
      personRef: enrolment.personRef,
      displayName: enrolment.displayName,
      enrolmentStatus: enrolment.status,
      attendance: record?.status ?? null,
      note: record?.note ?? null,
      recordedBy: record?.recordedBy ?? null,
      recordedAt: record?.recordedAt ?? null,
    }));
  await database.write((tx) =>
    audit(tx, { principal, requestId }, "roster.read", { type: "session", id: sessionId }),
  );
  return { group, session, lines };
}
