// Emergency housing: hooks of the housing service. Addresses come only from `useAddress`, when
// housing staff press "show address"; they stay in component state, never in the query cache.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { $housing, housingApi, unwrap, whenStale } from "./clients";
import type { paths } from "./generated/housing";

type Json<P extends keyof paths, M extends "get"> = paths[P][M] extends {
  responses: { 200: { content: { "application/json": infer T } } };
}
  ? T
  : never;
export type Placement = Json<"/v1/placements/{id}", "get">;
export type Place = Json<"/v1/places/{id}", "get">;
export type HousingReport = Json<"/v1/statistics", "get">;
export type PlacementStatus = Placement["status"];
export type StayExit = NonNullable<Placement["exit"]>;
export type FollowUpOutcome = NonNullable<Placement["followUpOutcome"]>;

export function usePlacements(filter: { status?: string; followUp?: "pending" }) {
  return $housing.useQuery(
    "get",
    "/v1/placements",
    { params: { query: { ...filter, limit: 200 } } },
    { select: (page) => page.items },
  );
}

export function usePlaces() {
  return $housing.useQuery("get", "/v1/places", {}, { select: (page) => page.items });
}

// Every housing change can move a placement, a place's free beds and the month's figures; so can
// someone else's change, which a conflict reveals (`whenStale`).
const HOUSING_READS = ["/v1/placements", "/v1/places", "/v1/statistics"] as const;

function useHousingMutation<I>(run: (input: I) => Promise<unknown>) {
  const queryClient = useQueryClient();
  const refresh = () => {
    for (const path of HOUSING_READS) void queryClient.invalidateQueries({ queryKey: ["get", path] });
  };
  return useMutation({
    mutationFn: run,
    onSuccess: refresh,
    onError: whenStale(refresh),
  });
}

export function useRequestPlacement() {
  return useHousingMutation(
    async (input: {
      key: string;
      body: {
        personRef: string;
        householdSize: number;
        riskLevel: "high" | "medium" | "low";
        nights: number;
        team?: string;
        referralId?: string;
        taskId?: string;
      };
    }) =>
      unwrap(
        await housingApi.POST("/v1/placements", {
          params: { header: { "idempotency-key": input.key } },
          body: input.body,
        }),
      ) as Placement,
  );
}

export function useConfirm() {
  return useHousingMutation(async ({ id, placeId }: { id: string; placeId?: string }) =>
    unwrap(
      await housingApi.POST("/v1/placements/{id}/confirm", {
        params: { path: { id } },
        body: placeId ? { placeId } : {},
      }),
    ),
  );
}

export function useDecline() {
  return useHousingMutation(async ({ id, reason }: { id: string; reason: string }) =>
    unwrap(
      await housingApi.POST("/v1/placements/{id}/decline", { params: { path: { id } }, body: { reason } }),
    ),
  );
}

export function useExtend() {
  return useHousingMutation(async ({ id, plannedEndDate }: { id: string; plannedEndDate: string }) =>
    unwrap(
      await housingApi.POST("/v1/placements/{id}/extend", {
        params: { path: { id } },
        body: { plannedEndDate },
      }),
    ),
  );
}

export function useExit() {
  return useHousingMutation(async ({ id, exit }: { id: string; exit: StayExit }) =>
    unwrap(await housingApi.POST("/v1/placements/{id}/exit", { params: { path: { id } }, body: { exit } })),
  );
}

export function useFollowUp() {
  return useHousingMutation(async ({ id, outcome }: { id: string; outcome: FollowUpOutcome }) =>
    unwrap(
      await housingApi.POST("/v1/placements/{id}/follow-up", { params: { path: { id } }, body: { outcome } }),
    ),
  );
}

export function useCreatePlace() {
  return useHousingMutation(
    async (input: {
      key: string;
      body: {
        kind: Place["kind"];
        label: string;
        address: string;
        capacity: number;
        windows: Array<{ startsOn: string; endsOn: string }>;
      };
    }) =>
      unwrap(
        await housingApi.POST("/v1/places", {
          params: { header: { "idempotency-key": input.key } },
          body: input.body,
        }),
      ),
  );
}

export function useUpdatePlace() {
  return useHousingMutation(async ({ id, active }: { id: string; active: boolean }) =>
    unwrap(await housingApi.PATCH("/v1/places/{id}", { params: { path: { id } }, body: { active } })),
  );
}

export function useSetAvailability() {
  return useHousingMutation(
    async ({ id, windows }: { id: string; windows: Array<{ startsOn: string; endsOn: string }> }) =>
      unwrap(
        await housingApi.PUT("/v1/places/{id}/availability", { params: { path: { id } }, body: { windows } }),
      ),
  );
}

/** The one read of an address: audited by the service; the caller keeps it in state only. */
export async function fetchAddress(id: string): Promise<string> {
  return unwrap(await housingApi.GET("/v1/places/{id}/address", { params: { path: { id } } })).address;
}

export function useHousingStatistics(from: string, to: string) {
  return $housing.useQuery("get", "/v1/statistics", { params: { query: { from, to, by: "month" } } });
}
