// The evaluation statistics of the three services (each computes and protects its own figures).
import { useQuery } from "@tanstack/react-query";
import { groupsApi, notificationsApi, referralsApi, unwrap } from "./clients";
import type { paths as R } from "./generated/referrals";

export type StatisticsReport = R["/v1/statistics"]["get"]["responses"]["200"]["content"]["application/json"];
export type CountTable = StatisticsReport["tables"][number];
export type DurationTable = StatisticsReport["durations"][number];
export type RateTable = StatisticsReport["rates"][number];
export type Breakdown = StatisticsReport["by"];

export interface StatisticsQuery {
  from: string;
  to: string;
  by: Breakdown;
}

export function useStatistics(query: StatisticsQuery) {
  return useQuery({
    queryKey: ["statistics", query],
    queryFn: async () => {
      // groups knows months and municipalities, notifications months only: they answer by month
      // when the breakdown is one they do not know, and the screen says so.
      const groupsBy = query.by === "month" || query.by === "municipality" ? query.by : "month";
      const [referrals, groups, notifications] = await Promise.all([
        referralsApi.GET("/v1/statistics", { params: { query } }).then(unwrap),
        groupsApi.GET("/v1/statistics", { params: { query: { ...query, by: groupsBy } } }).then(unwrap),
        notificationsApi
          .GET("/v1/statistics", { params: { query: { from: query.from, to: query.to, by: "month" } } })
          .then(unwrap),
      ]);
      return { referrals, groups, notifications } as Record<
        "referrals" | "groups" | "notifications",
        StatisticsReport
      >;
    },
  });
}
