// A programme participant's mandate and compliance, and the attendance report behind it.
import { useQuery } from "@tanstack/react-query";
import { groupsApi, unwrap, useRefreshingMutation } from "./clients";
import type { components } from "./generated/groups";

export type AttendanceReport = components["schemas"]["AttendanceReport"];
export type MandateInput = NonNullable<AttendanceReport["mandate"]>;

export function useAttendanceReport(enrolmentId: string) {
  return useQuery({
    queryKey: ["attendance-report", enrolmentId],
    queryFn: async () =>
      unwrap(
        await groupsApi.GET("/v1/enrolments/{id}/attendance-report", {
          params: { path: { id: enrolmentId }, query: { format: "json" } },
        }),
      ) as AttendanceReport,
  });
}

export function useSetMandate(enrolmentId: string) {
  return useRefreshingMutation(["attendance-report", enrolmentId], async (body: MandateInput) =>
    unwrap(
      await groupsApi.PUT("/v1/enrolments/{id}/mandate", { params: { path: { id: enrolmentId } }, body }),
    ),
  );
}

/** Where the browser downloads the report: a plain link, the session cookie goes with it. */
export const reportUrl = (enrolmentId: string, format: "csv" | "json") =>
  `/api/groups/v1/enrolments/${encodeURIComponent(enrolmentId)}/attendance-report?format=${format}`;
