// Query and mutation hooks of the groups service for the people who run groups: their groups,
// schedules and sessions. The only way screens reach this data.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { groupsApi, unwrap, useRefreshingMutation } from "./clients";
import type { Group, GroupInput, GroupPatch, SessionPatch } from "./generated/groups";

export type { Group, GroupInput, GroupPatch, MySession, Session, SessionPatch } from "./generated/groups";
export type GroupKind = Group["kind"];

const background = { headers: { "X-Relais-Activity": "background" } };

export function useMyGroups() {
  return useQuery({
    queryKey: ["groups"],
    queryFn: async () =>
      unwrap(await groupsApi.GET("/v1/groups", { params: { query: { limit: 100 } }, ...background })).items,
    refetchInterval: 60_000,
  });
}

export function useGroup(id: string, enabled = true) {
  return useQuery({
    queryKey: ["group", id],
    enabled,
    queryFn: async () => unwrap(await groupsApi.GET("/v1/groups/{id}", { params: { path: { id } } })),
  });
}

export function useGroupSessions(id: string) {
  return useQuery({
    queryKey: ["group-sessions", id],
    queryFn: async () =>
      unwrap(await groupsApi.GET("/v1/groups/{id}/sessions", { params: { path: { id } } })),
  });
}

/** "My sessions from … to …" across the groups the person runs. */
export function useMySessions(from: string, to: string) {
  return useQuery({
    queryKey: ["my-sessions", from, to],
    queryFn: async () =>
      unwrap(await groupsApi.GET("/v1/sessions", { params: { query: { from, to } } })).items,
  });
}

export function useCreateGroup(idempotencyKey: string) {
  return useRefreshingMutation(["groups"], async (body: GroupInput) =>
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
      queryClient.setQueryData(["group", id], group);
      void queryClient.invalidateQueries({ queryKey: ["groups"] });
      void queryClient.invalidateQueries({ queryKey: ["group-sessions", id] });
    },
  });
}

function invalidateSessions(queryClient: ReturnType<typeof useQueryClient>, groupId: string) {
  void queryClient.invalidateQueries({ queryKey: ["group-sessions", groupId] });
  void queryClient.invalidateQueries({ queryKey: ["my-sessions"] });
  void queryClient.invalidateQueries({ queryKey: ["groups"] });
}

export function useMoveSession(groupId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, body }: { id: string; body: SessionPatch }) =>
      unwrap(await groupsApi.PATCH("/v1/sessions/{id}", { params: { path: { id } }, body })),
    onSuccess: () => invalidateSessions(queryClient, groupId),
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
  });
}
