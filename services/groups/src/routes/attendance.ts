import { z } from "@hono/zod-openapi";
import { AttendanceStatus } from "@relais/contracts";
import { guardedRoute, jsonBody, jsonResponse, routeModule } from "@relais/service-kit";
import { attendanceReport } from "../actions/attendance-report.js";
import { readRoster } from "../actions/read-roster.js";
import { recordAttendance } from "../actions/record-attendance.js";
import type { AppDeps } from "../app.js";
import { IdParam, PersonShape, SessionAttendanceView, SessionView, toSessionView } from "./views.js";

const RUNNERS = ["facilitator", "programme_staff"] as const;

const AttendanceInput = z
  .object({ status: AttendanceStatus, note: z.string().trim().min(1).max(1000).optional() })
  .openapi("AttendanceInput");

const AttendanceView = z
  .object({
    sessionId: z.string(),
    enrolmentId: z.string(),
    status: AttendanceStatus,
    note: z.string().nullable(),
    recordedBy: z.string(),
    recordedAt: z.string(),
  })
  .openapi("Attendance");

const Roster = z
  .object({
    session: SessionView,
    items: z.array(
      z.object({
        enrolmentId: z.string(),
        ...PersonShape,
        enrolmentStatus: z.string(),
        attendance: AttendanceStatus.nullable(),
        note: z.string().nullable(),
        recordedBy: z.string().nullable(),
        recordedAt: z.string().nullable(),
      }),
    ),
  })
  .openapi("Roster");

const History = z
  .object({ enrolmentId: z.string(), personRef: z.string(), items: z.array(SessionAttendanceView) })
  .openapi("AttendanceHistory");

const historyRoute = guardedRoute({
  method: "get",
  path: "/v1/enrolments/{id}/attendance",
  summary: "A participant's attendance over the series, for the staff running the group (audited)",
  roles: RUNNERS,
  request: { params: IdParam },
  responses: {
    200: jsonResponse(History, "Every session with the participant's attendance"),
  },
});

const recordRoute = guardedRoute({
  method: "put",
  path: "/v1/sessions/{id}/attendance/{enrolmentId}",
  summary: "Record or correct one participant's attendance (idempotent)",
  roles: RUNNERS,
  request: {
    params: IdParam.extend({ enrolmentId: z.string().min(1).max(64) }),
    body: jsonBody(AttendanceInput),
  },
  responses: { 200: jsonResponse(AttendanceView, "As recorded") },
});

const rosterRoute = guardedRoute({
  method: "get",
  path: "/v1/sessions/{id}/attendance",
  summary: "The session's roster with attendance (audited)",
  roles: RUNNERS,
  request: { params: IdParam },
  responses: { 200: jsonResponse(Roster, "The roster") },
});

export function attendanceRoutes(deps: AppDeps) {
  const { app, context } = routeModule(deps);
  return app
    .openapi(recordRoute, async (c) => {
      const { id, enrolmentId } = c.req.valid("param");
      const { record } = await recordAttendance(context(c), {
        sessionId: id,
        enrolmentId,
        ...c.req.valid("json"),
      });
      return c.json(record, 200);
    })
    .openapi(rosterRoute, async (c) => {
      const { group, session, lines } = await readRoster(context(c), {
        sessionId: c.req.valid("param").id,
      });
      return c.json({ session: toSessionView(session, group.timeZone), items: lines }, 200);
    })
    .openapi(historyRoute, async (c) => {
      const report = await attendanceReport(context(c), { enrolmentId: c.req.valid("param").id });
      return c.json(
        { enrolmentId: report.enrolment.id, personRef: report.enrolment.personRef, items: report.lines },
        200,
      );
    });
}
