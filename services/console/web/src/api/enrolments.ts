// Rosters, the waitlist, placements and mandates: hooks of the groups service for the staff
// running a group. Names come from the service and stay in memory (TanStack Query's cache).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { $groups, groupsApi, unwrap, whenStale } from "./clients";
import type { Enrolment } from "./generated/groups";

export type { Enrolment, Placement } from "./generated/groups";
export type Mandate = NonNullable<Enrolment["mandate"]>;
export type EndStatus = "withdrawn" | "excluded" | "completed";

const enrolments = (groupId: string) =>
  ["get", "/v1/groups/{id}/enrolments", { params: { path: { id: groupId } } }] as const;
const GROUPS = ["get", "/v1/groups"] as const;

export function useEnrolments(groupId: string) {
  return $groups.useQuery(
    "get",
    "/v1/groups/{id}/enrolments",
    { params: { path: { id: groupId }, query: { limit: 100 } } },
    { select: (page) => page.items },
  );
}

export function useEndEnrolment(groupId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({
      id,
      status,
      reason,
      key,
    }: {
      id: string;
      status: EndStatus;
      reason?: string;
      key: string;
    }) =>
      unwrap(
        await groupsApi.POST("/v1/enrolments/{id}/withdraw", {
          params: { path: { id }, header: { "idempotency-key": key } },
          body: reason ? { status, reason } : { status },
        }),
      ),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: enrolments(groupId) });
      void queryClient.invalidateQueries({
        queryKey: ["get", "/v1/groups/{id}", { params: { path: { id: groupId } } }],
      });
      void queryClient.invalidateQueries({ queryKey: GROUPS });
    },
    // Ended meanwhile from another screen: the roster shows it.
    onError: whenStale(() => queryClient.invalidateQueries({ queryKey: enrolments(groupId) })),
  });
}

// Housing has a /v1/placements too, and openapi-react-query's keys name no service: this list keeps
// a key of its own so the two can never share a cache entry (api-keys.test.ts guards the rest).
const AWAITING_PLACEMENTS = ["groups", "placements", "awaiting"] as const;

export function usePlacements() {
  return useQuery({
    queryKey: AWAITING_PLACEMENTS,
    queryFn: async () =>
      unwrap(await groupsApi.GET("/v1/placements", { params: { query: { status: "awaiting", limit: 100 } } }))
        .items,
  });
}

export function useEnrolFromPlacement() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({
      groupId,
      placementId,
      key,
    }: {
      groupId: string;
      placementId: string;
      key: string;
    }) =>
      unwrap(
        await groupsApi.POST("/v1/groups/{id}/enrolments", {
          params: { path: { id: groupId }, header: { "idempotency-key": key } },
          body: { placementId },
        }),
      ),
    onSuccess: (enrolment) => {
      void queryClient.invalidateQueries({ queryKey: AWAITING_PLACEMENTS });
      void queryClient.invalidateQueries({ queryKey: enrolments(enrolment.groupId) });
      void queryClient.invalidateQueries({ queryKey: GROUPS });
    },
    // Enrolled from another screen meanwhile, or the group filled up: the list shows what is left.
    onError: whenStale(() => queryClient.invalidateQueries({ queryKey: AWAITING_PLACEMENTS })),
  });
}
