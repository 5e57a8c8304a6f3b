// One participant's attendance over the whole series, with their compliance where mandated.
import type { AttendanceStatus } from "@relais/contracts";
import { audit } from "@relais/service-kit";
import { eq } from "drizzle-orm";
import { type EnrolmentRecord, visibleEnrolment } from "../db/enrolment-store.js";
import { type GroupRecord, groupSessions } from "../db/group-store.js";
import { attendance, complianceBreaches } from "../db/schema.js";
import type { ComplianceState } from "../domain/compliance.js";
import { toCsv } from "../domain/csv.js";
import { toZonedIso } from "../domain/recurrence.js";
import type { ReadCtx } from "./context.js";
import { complianceOf } from "./review-compliance.js";

export interface ReportLine {
  sessionId: string;
  startsAt: string;
  sessionStatus: "scheduled" | "moved" | "cancelled";
  attendance: AttendanceStatus | null;
  note: string | null;
  recordedBy: string | null;
  recordedAt: string | null;
}

/** A step that fired: the breach event went out then, and notifications told the authority. */
export interface FiredStep {
  kind: string;
  threshold: number;
  firedAt: string;
}

export interface AttendanceReport {
  group: GroupRecord;
  enrolment: EnrolmentRecord;
  compliance: ComplianceState | null;
  fired: FiredStep[];
  lines: ReportLine[];
}

export async function attendanceReport(
  ctx: ReadCtx,
  { enrolmentId }: { enrolmentId: string },
): Promise<AttendanceReport> {
  const { database, principal, requestId } = ctx;
  const { db } = database;
  const { enrolment, group } = await visibleEnrolment(db, principal, enrolmentId);
  const sessions = await groupSessions(db, group.id);
  const records = new Map(
    (await db.select().from(attendance).where(eq(attendance.enrolmentId, enrolmentId))).map((r) => [
      r.sessionId,
      r,
    ]),
  );
  const lines = sessions.map((session) => {
    const record = records.get(session.id);
    return {
      sessionId: session.id,
      startsAt: toZonedIso(session.startsAt, group.timeZone),
      sessionStatus: session.status,
      attendance: record?.status ?? null,
      note: record?.note ?? null,
      recordedBy: record?.recordedBy ?? null,
      recordedAt: record?.recordedAt ?? null,
    };
  });
  const compliance = await complianceOf(db, group, enrolment);
  const fired = (
    await db.select().from(complianceBreaches).where(eq(complianceBreaches.enrolmentId, enrolmentId))
  )
    .map((row) => ({ kind: row.stepKind, threshold: row.threshold, firedAt: row.firedAt }))
    .sort((a, b) => a.firedAt.localeCompare(b.firedAt));
  await database.write((tx) =>
    audit(tx, { principal, requestId }, "attendance_report.read", { type: "enrolment", id: enrolmentId }),
  );
  return { group, enrolment, compliance, fired, lines };
}

export const REPORT_COLUMNS = [
  "session_id",
  "starts_at",
  "session_status",
  "attendance",
  "note",
  "recorded_by",
  "recorded_at",
] as const;

export function reportCsv(report: AttendanceReport): string {
  return toCsv(
    REPORT_COLUMNS,
    report.lines.map((line) => [
      line.sessionId,
      line.startsAt,
      line.sessionStatus,
      line.attendance,
      line.note,
      line.recordedBy,
      line.recordedAt,
    ]),
  );
}
