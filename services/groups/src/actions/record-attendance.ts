// Records (or corrects) one participant's attendance at one session. Repeating the same record
// changes nothing and emits nothing; a change is announced and re-evaluates safety and compliance.
import { enqueueEvent } from "@relais/bus";
import { AttendanceRecorded, type AttendanceStatus, newId } from "@relais/contracts";
import { type Executor, rowByParams } from "@relais/db";
import { audit, Conflict, NotFound, writeVerb } from "@relais/service-kit";
import { and, eq } from "drizzle-orm";
import { toEnrolmentRecord } from "../db/enrolment-store.js";
import type { GroupRecord, SessionRecord } from "../db/group-store.js";
import { visibleSession } from "../db/group-store.js";
import { attendance, enrolments, safetyCheckIns } from "../db/schema.js";
import { fromGroups } from "../domain/event-origin.js";
import type { Ctx } from "./context.js";
import { reviewCompliance } from "./review-compliance.js";

export interface AttendanceRecord {
  sessionId: string;
  enrolmentId: string;
  status: AttendanceStatus;
  note: string | null;
  recordedBy: string;
  recordedAt: string;
}

export async function recordAttendance(
  ctx: Ctx,
  input: { sessionId: string; enrolmentId: string; status: AttendanceStatus; note?: string },
): Promise<{ record: AttendanceRecord; changed: boolean }> {
  const { principal, requestId } = ctx;
  const { sessionId, enrolmentId } = input;
  return writeVerb(ctx, async (tx, authorised) => {
    const { group, session } = await visibleSession(tx, principal, sessionId);
    const row = await rowByParams(tx, "groups.enrolmentInGroup", enrolments, {
      id: enrolmentId,
      groupId: group.id,
    });
    if (!row) throw new NotFound("No such enrolment in this session's group");
    await authorised();
    const enrolment = toEnrolmentRecord(row);
    if (enrolment.status === "waitlisted")
      throw new Conflict("This person is on the waitlist, not in the group", "not_enrolled");
    if (session.status === "cancelled") throw new Conflict("This session was cancelled", "session_cancelled");
    const now = ctx.clock.now();
    if (Date.parse(session.startsAt) > now.getTime())
      throw new Conflict("Attendance is recorded once the session has started", "session_not_started");

    const [existing] = await tx
      .select()
      .from(attendance)
      .where(and(eq(attendance.sessionId, sessionId), eq(attendance.enrolmentId, enrolmentId)));
    const note = input.note ?? null;
    if (existing && existing.status === input.status && existing.note === note)
      return { record: toRecord(existing), changed: false };

    const record: AttendanceRecord = {
      sessionId,
      enrolmentId,
      status: input.status,
      note,
      recordedBy: principal.sub,
      recordedAt: now.toISOString(),
    };
    await tx
      .insert(attendance)
      .values({ ...record, orgId: group.orgId })
      .onConflictDoUpdate({
        target: [attendance.sessionId, attendance.enrolmentId],
        set: { status: record.status, note, recordedBy: record.recordedBy, recordedAt: record.recordedAt },
      });
    if (!existing || existing.status !== input.status) {
      await enqueueEvent(tx, AttendanceRecorded, fromGroups(group.orgId, requestId, now), {
        sessionId,
        enrolmentId,
        groupId: group.id,
        personRef: enrolment.personRef,
        status: input.status,
        recordedBy: record.recordedBy,
        recordedAt: record.recordedAt,
      });
      await updateCheckIn(tx, group, session, enrolmentId, input.status, now);
      await reviewCompliance(tx, group, enrolment, now, requestId);
    }
    await audit(tx, ctx, "attendance.record", { type: "enrolment", id: enrolmentId });
    return { record, changed: true };
  });
}

/** A victim missing a victim-group session prompts a safety check-in; a correction withdraws it. */
async function updateCheckIn(
  tx: Executor,
  group: GroupRecord,
  session: SessionRecord,
  enrolmentId: string,
  status: AttendanceStatus,
  now: Date,
): Promise<void> {
  if (group.kind !== "victim_peer") return;
  const where = and(eq(safetyCheckIns.sessionId, session.id), eq(safetyCheckIns.enrolmentId, enrolmentId));
  if (status === "absent") {
    await tx
      .insert(safetyCheckIns)
      .values({
        id: newId(),
        orgId: group.orgId,
        groupId: group.id,
        sessionId: session.id,
        enrolmentId,
        status: "open",
        createdAt: now.toISOString(),
      })
      .onConflictDoUpdate({
        target: [safetyCheckIns.sessionId, safetyCheckIns.enrolmentId],
        set: { status: "open", resolvedAt: null, resolvedBy: null },
        setWhere: eq(safetyCheckIns.status, "void"),
      });
  } else {
    await tx
      .update(safetyCheckIns)
      .set({ status: "void", resolvedAt: now.toISOString() })
      .where(and(where, eq(safetyCheckIns.status, "open")));
  }
}

function toRecord(row: typeof attendance.$inferSelect): AttendanceRecord {
  return {
    sessionId: row.sessionId,
    enrolmentId: row.enrolmentId,
    status: row.status,
    note: row.note,
    recordedBy: row.recordedBy,
    recordedAt: row.recordedAt,
  };
}
