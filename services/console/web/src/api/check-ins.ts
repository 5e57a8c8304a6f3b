// Safety check-ins: a victim who missed a victim-group session is called by the facilitator.
import { useQuery } from "@tanstack/react-query";
import { groupsApi, unwrap, useRefreshingMutation } from "./clients";
import type { components } from "./generated/groups";

export type CheckIn = components["schemas"]["SafetyCheckIn"];

export function useOpenCheckIns(enabled: boolean) {
  return useQuery({
    queryKey: ["check-ins"],
    enabled,
    queryFn: async () =>
      unwrap(
        await groupsApi.GET("/v1/check-ins", {
          params: { query: { status: "open" } },
          headers: { "X-Relais-Activity": "background" },
        }),
      ).items,
    refetchInterval: 30_000,
  });
}

export function useResolveCheckIn() {
  return useRefreshingMutation(["check-ins"], async (id: string) =>
    unwrap(await groupsApi.POST("/v1/check-ins/{id}/resolve", { params: { path: { id } } })),
  );
}
