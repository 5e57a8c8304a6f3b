import { z } from "@hono/zod-openapi";
import { guardedRoute, routeModule } from "@relais/service-kit";
import { attendanceReport, REPORT_COLUMNS, reportCsv } from "../actions/attendance-report.js";
import type { AppDeps } from "../app.js";
import { Mandate } from "../db/enrolment-store.js";
import { ComplianceView, IdParam, PersonShape, SessionAttendanceView } from "./views.js";

const ReportView = z
  .object({
    enrolment: z.object({
      id: z.string(),
      groupId: z.string(),
      publicName: z.string(),
      ...PersonShape,
      status: z.string(),
    }),
    mandate: Mandate.nullable(),
    compliance: ComplianceView.nullable(),
    fired: z.array(z.object({ kind: z.string(), threshold: z.number(), firedAt: z.string() })).openapi({
      description:
        "Steps reached that still hold, each with when it fired: the breach event that has notifications tell the mandating authority",
    }),
    sessions: z.array(SessionAttendanceView),
  })
  .openapi("AttendanceReport");

const reportRoute = guardedRoute({
  method: "get",
  path: "/v1/enrolments/{id}/attendance-report",
  summary: "A participant's attendance over the series, with compliance; `?format=csv` for a spreadsheet",
  roles: ["programme_staff", "coordinator"],
  request: { params: IdParam, query: z.object({ format: z.enum(["json", "csv"]).default("json") }) },
  responses: {
    200: {
      description: `The report; as CSV the columns are ${REPORT_COLUMNS.join(", ")}`,
      content: {
        "application/json": { schema: ReportView },
        "text/csv": { schema: z.string() },
      },
    },
  },
});

export function reportRoutes(deps: AppDeps) {
  const { app, context } = routeModule(deps);
  return app.openapi(reportRoute, async (c) => {
    const report = await attendanceReport(context(c), { enrolmentId: c.req.valid("param").id });
    if (c.req.valid("query").format === "csv") {
      return c.body(reportCsv(report), 200, {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="attendance-${report.enrolment.id}.csv"`,
      });
    }
    const { enrolment, group } = report;
    return c.json(
      {
        enrolment: {
          id: enrolment.id,
          groupId: group.id,
          publicName: group.publicName,
          personRef: enrolment.personRef,
          displayName: enrolment.displayName,
          status: enrolment.status,
        },
        mandate: enrolment.mandate,
        compliance: report.compliance,
        fired: report.fired,
        sessions: report.lines,
      },
      200,
    );
  });
}
