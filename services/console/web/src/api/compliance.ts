// A programme participant's mandate and compliance, and the attendance report behind it.
import { $groups, groupsApi, unwrap, useRefreshingMutation } from "./clients";
import type { components } from "./generated/groups";

export type AttendanceReport = components["schemas"]["AttendanceReport"];
export type MandateInput = NonNullable<AttendanceReport["mandate"]>;

const report = (enrolmentId: string) =>
  ["get", "/v1/enrolments/{id}/attendance-report", { params: { path: { id: enrolmentId } } }] as const;

export function useAttendanceReport(enrolmentId: string) {
  return $groups.useQuery(
    "get",
    "/v1/enrolments/{id}/attendance-report",
    { params: { path: { id: enrolmentId }, query: { format: "json" } } },
    // The JSON form of a report that also answers CSV: its document names both.
    { select: (data) => data as AttendanceReport },
  );
}

export function useSetMandate(enrolmentId: string) {
  return useRefreshingMutation(report(enrolmentId), async (body: MandateInput) =>
    unwrap(
      await groupsApi.PUT("/v1/enrolments/{id}/mandate", { params: { path: { id: enrolmentId } }, body }),
    ),
  );
}

/** Where the browser downloads the report: a plain link, the session cookie goes with it. */
export const reportUrl = (enrolmentId: string, format: "csv" | "json") =>
  `/api/groups/v1/enrolments/${encodeURIComponent(enrolmentId)}/attendance-report?format=${format}`;
