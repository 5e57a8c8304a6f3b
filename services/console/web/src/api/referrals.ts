// Query and mutation hooks of the referrals service: the only way screens reach its data.
import {
  keepPreviousData,
  type QueryClient,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import { $referrals, background, referralsApi, unwrap, useRefreshingMutation, whenStale } from "./clients";
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

const ZONE_REFERRALS = ["get", "/v1/referrals"] as const;
export const QUEUE = ["get", "/v1/callbacks"] as const;

export function useZoneReferrals() {
  return $referrals.useQuery(
    "get",
    "/v1/referrals",
    { params: { query: { limit: 100 } }, ...background },
    { refetchInterval: 20_000 },
  );
}

export function useMunicipalities(q: string) {
  return $referrals.useQuery(
    "get",
    "/v1/municipalities",
    { params: { query: { q, limit: 12 } } },
    { select: (page) => page.items, placeholderData: keepPreviousData, staleTime: 60_000 },
  );
}

export function useFileReferral(idempotencyKey: string) {
  return useRefreshingMutation(ZONE_REFERRALS, async (body: ReferralInput) =>
    unwrap(
      await referralsApi.POST("/v1/referrals", {
        params: { header: { "idempotency-key": idempotencyKey } },
        body,
      }),
    ),
  );
}

export function useQueue() {
  return $referrals.useQuery(
    "get",
    "/v1/callbacks",
    { params: { query: { limit: 100 } }, ...background },
    { select: (page) => page.items, refetchInterval: 20_000 },
  );
}

// A claim is a POST read as a query: the task screen shows the claim just made, or renews it.
const claimed = (id: string) =>
  $referrals.queryOptions(
    "post",
    "/v1/callbacks/{id}/claim",
    { params: { path: { id } } },
    { staleTime: Number.POSITIVE_INFINITY, refetchOnWindowFocus: false, retry: false },
  );

/** The claimed task's query key: an assessment re-plans its risk in place. */
export const claimedKey = (id: string) => claimed(id).queryKey;

/**
 * Takes a task (`claim`) or gives it back (`release`): the queue is read again (also after a
 * conflict), and `settle` keeps or drops the claimed task the service answered with.
 */
function useClaimChange<T extends { id: string }>(
  change: (id: string) => Promise<T>,
  settle: (queryClient: QueryClient, task: T) => void,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: change,
    onSuccess: (task) => {
      settle(queryClient, task);
      void queryClient.invalidateQueries({ queryKey: QUEUE });
    },
    // Someone else took the task meanwhile: the queue shows who.
    onError: whenStale(() => queryClient.invalidateQueries({ queryKey: QUEUE })),
  });
}

const claim = async (id: string) =>
  unwrap(await referralsApi.POST("/v1/callbacks/{id}/claim", { params: { path: { id } } }));
const release = async (id: string) =>
  unwrap(await referralsApi.POST("/v1/callbacks/{id}/release", { params: { path: { id } } }));

export const useClaim = () =>
  useClaimChange(claim, (queryClient, task) => queryClient.setQueryData(claimedKey(task.id), task));

/** The claimed task with the person's contact: from the claim just made, or a renewed claim. */
export function useClaimedTask(id: string) {
  return useQuery(claimed(id));
}

export const useRelease = () =>
  useClaimChange(release, (queryClient, task) =>
    queryClient.removeQueries({ queryKey: claimedKey(task.id) }),
  );

/** A step on task `id` under an idempotency `key` (the service answers a repeat once). */
export const stepOn = <B>(id: string, { body, key }: { body: B; key: string }) => ({
  params: { path: { id }, header: { "idempotency-key": key } },
  body,
});

export function useLogAttempt(id: string) {
  return useRefreshingMutation(QUEUE, async (step: { body: AttemptInput; key: string }) =>
    unwrap(await referralsApi.POST("/v1/callbacks/{id}/attempts", stepOn(id, step))),
  );
}

export function useRecordOutcome(id: string) {
  return useRefreshingMutation(QUEUE, async (step: { body: OutcomeInput; key: string }) =>
    unwrap(await referralsApi.POST("/v1/callbacks/{id}/outcome", stepOn(id, step))),
  );
}
