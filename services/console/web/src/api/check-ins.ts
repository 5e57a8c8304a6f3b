// Safety check-ins: a victim who missed a victim-group session is called by the facilitator.
import { $groups, background, groupsApi, unwrap, useRefreshingMutation } from "./clients";
import type { components } from "./generated/groups";

export type CheckIn = components["schemas"]["SafetyCheckIn"];

export function useOpenCheckIns(enabled: boolean) {
  return $groups.useQuery(
    "get",
    "/v1/check-ins",
    { params: { query: { status: "open" } }, ...background },
    { select: (page) => page.items, enabled, refetchInterval: 30_000 },
  );
}

export function useResolveCheckIn() {
  return useRefreshingMutation(["get", "/v1/check-ins"], async (id: string) =>
    unwrap(await groupsApi.POST("/v1/check-ins/{id}/resolve", { params: { path: { id } } })),
  );
}
