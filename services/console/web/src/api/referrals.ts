// Query and mutation hooks of the referrals service: the only way screens reach its data.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { referralsApi, unwrap, useRefreshingMutation } from "./clients";
import type { AttemptInput, components, OutcomeInput, ReferralInput } from "./generated/referrals";

export type {
  AttemptInput,
  CallbackTask,
  OutcomeInput,
  ReferralInput,
  ZoneReferral,
} from "./generated/referrals";
export type QueueTask = components["schemas"]["QueueCallbackTask"];
export type ClaimedTask = components["schemas"]["ClaimedCallbackTask"];

// Refreshes that run on their own say so, so they do not keep an idle session alive.
const background = { headers: { "X-Relais-Activity": "background" } };

export function useZoneReferrals() {
  return useQuery({
    queryKey: ["zone-referrals"],
    queryFn: async () =>
      unwrap(await referralsApi.GET("/v1/referrals", { params: { query: { limit: 100 } }, ...background })),
    refetchInterval: 20_000,
  });
}

export function useMunicipalities(q: string) {
  return useQuery({
    queryKey: ["municipalities", q],
    queryFn: async () =>
      unwrap(await referralsApi.GET("/v1/municipalities", { params: { query: { q, limit: 12 } } })).items,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}

export function useFileReferral(idempotencyKey: string) {
  return useRefreshingMutation(["zone-referrals"], async (body: ReferralInput) =>
    unwrap(
      await referralsApi.POST("/v1/referrals", {
        params: { header: { "idempotency-key": idempotencyKey } },
        body,
      }),
    ),
  );
}

export function useQueue() {
  return useQuery({
    queryKey: ["queue"],
    queryFn: async () =>
      unwrap(await referralsApi.GET("/v1/callbacks", { params: { query: { limit: 100 } }, ...background }))
        .items,
    refetchInterval: 20_000,
  });
}

async function claim(id: string) {
  return unwrap(await referralsApi.POST("/v1/callbacks/{id}/claim", { params: { path: { id } } }));
}

export function useClaim() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: claim,
    onSuccess: (task) => {
      queryClient.setQueryData(["claimed", task.id], task);
      void queryClient.invalidateQueries({ queryKey: ["queue"] });
    },
  });
}

/** The claimed task with the person's contact: from the claim just made, or a renewed claim. */
export function useClaimedTask(id: string) {
  return useQuery({
    queryKey: ["claimed", id],
    queryFn: () => claim(id),
    staleTime: Number.POSITIVE_INFINITY,
    refetchOnWindowFocus: false,
    retry: false,
  });
}

export function useRelease() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) =>
      unwrap(await referralsApi.POST("/v1/callbacks/{id}/release", { params: { path: { id } } })),
    onSuccess: (task) => {
      queryClient.removeQueries({ queryKey: ["claimed", task.id] });
      void queryClient.invalidateQueries({ queryKey: ["queue"] });
    },
  });
}

export function useLogAttempt(id: string) {
  return useRefreshingMutation(["queue"], async ({ body, key }: { body: AttemptInput; key: string }) =>
    unwrap(
      await referralsApi.POST("/v1/callbacks/{id}/attempts", {
        params: { path: { id }, header: { "idempotency-key": key } },
        body,
      }),
    ),
  );
}

export function useRecordOutcome(id: string) {
  return useRefreshingMutation(["queue"], async ({ body, key }: { body: OutcomeInput; key: string }) =>
    unwrap(
      await referralsApi.POST("/v1/callbacks/{id}/outcome", {
        params: { path: { id }, header: { "idempotency-key": key } },
        body,
      }),
    ),
  );
}
