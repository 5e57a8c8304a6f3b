// Query and mutation hooks of the groups service for the people who run groups: their groups,
// schedules and sessions. The only way screens reach this data.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { $groups, background, groupsApi, unwrap, useRefreshingMutation, whenStale } from "./clients";
import type { Group, GroupInput, GroupPatch, SessionPatch } from "./generated/groups";

export type { Group, GroupInput, GroupPatch, MySession, Session, SessionPatch } from "./generated/groups";
export type GroupKind = Group["kind"];

const GROUPS = ["get", "/v1/groups"] as const;
const groupSessions = (id: string) =>
  ["get", "/v1/groups/{id}/sessions", { params: { path: { id } } }] as const;

export function useMyGroups() {
  return $groups.useQuery(
    "get",
    "/v1/groups",
    { params: { query: { limit: 100 } }, ...background },
    { select: (page) => page.items, refetchInterval: 60_000 },
  );
}

export function useGroup(id: string, enabled = true) {
  return $groups.useQuery("get", "/v1/groups/{id}", { params: { path: { id } } }, { enabled });
}

export function useGroupSessions(id: string) {
  return $groups.useQuery("get", "/v1/groups/{id}/sessions", { params: { path: { id } } });
}

/** "My sessions from … to …" across the groups the person runs. */
export function useMySessions(from: string, to: string) {
  return $groups.useQuery(
    "get",
    "/v1/sessions",
    { params: { query: { from, to } } },
    { select: (page) => page.items },
  );
}

export function useCreateGroup(idempotencyKey: string) {
  return useRefreshingMutation(GROUPS, async (body: GroupInput) =>
    unwrap(
      await groupsApi.POST("/v1/groups", {
        params: { header: { "idempotency-key": idempotencyKey } },
        body,
      }),
    ),
  );
}

export function useUpdateGroup(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: GroupPatch) =>
      unwrap(await groupsApi.PATCH("/v1/groups/{id}", { params: { path: { id } }, body })),
    onSuccess: (group) => {
      queryClient.setQueryData(
        $groups.queryOptions("get", "/v1/groups/{id}", { params: { path: { id } } }).queryKey,
        group,
      );
      void queryClient.invalidateQueries({ queryKey: GROUPS });
      void queryClient.invalidateQueries({ queryKey: groupSessions(id) });
    },
  });
}

function invalidateSessions(queryClient: ReturnType<typeof useQueryClient>, groupId: string) {
  void queryClient.invalidateQueries({ queryKey: groupSessions(groupId) });
  void queryClient.invalidateQueries({ queryKey: ["get", "/v1/sessions"] });
  void queryClient.invalidateQueries({ queryKey: GROUPS });
}

export function useMoveSession(groupId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, body }: { id: string; body: SessionPatch }) =>
      unwrap(await groupsApi.PATCH("/v1/sessions/{id}", { params: { path: { id } }, body })),
    onSuccess: () => invalidateSessions(queryClient, groupId),
    onError: whenStale(() => invalidateSessions(queryClient, groupId)),
  });
}

export function useCancelSession(groupId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, reason, key }: { id: string; reason?: string; key: string }) =>
      unwrap(
        await groupsApi.POST("/v1/sessions/{id}/cancel", {
          params: { path: { id }, header: { "idempotency-key": key } },
          body: reason ? { reason } : {},
        }),
      ),
    onSuccess: () => invalidateSessions(queryClient, groupId),
    onError: whenStale(() => invalidateSessions(queryClient, groupId)),
  });
}
