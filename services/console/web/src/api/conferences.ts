// Query and mutation hooks of the case-conference screens (issue 17), on the conferences client.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { $conferences, conferencesApi, unwrap, whenStale } from "./clients";
import type {
  AgendaItemInput,
  ConferenceAction,
  ConferenceInput,
  ConferencePatch,
  DecisionInput,
} from "./generated/conferences";

export type {
  AgendaItem,
  AgendaItemInput,
  Conference,
  ConferenceAction,
  ConferenceInput,
  ConferencePatch,
  ConferenceSummary,
  DecisionInput,
  InviteeInput,
  MyAction,
  MyAgendaItem,
} from "./generated/conferences";
export type ActionStatus = ConferenceAction["status"];

const key = () => crypto.randomUUID();

export function useConferences() {
  return $conferences.useQuery(
    "get",
    "/v1/conferences",
    { params: { query: { limit: 200 } } },
    { select: (page) => page.items },
  );
}

export function useConference(id: string) {
  return $conferences.useQuery("get", "/v1/conferences/{id}", { params: { path: { id } } });
}

export function useKnownReferrals() {
  return $conferences.useQuery(
    "get",
    "/v1/known-referrals",
    { params: { query: { limit: 100 } } },
    { select: (page) => page.items },
  );
}

export function useMyItems() {
  return $conferences.useQuery("get", "/v1/my/items", {}, { select: (page) => page.items });
}

export function useMyActions() {
  return $conferences.useQuery("get", "/v1/my/actions", {}, { select: (page) => page.items });
}

// Any change to a conference shows in the list, the conference, and the people's items and actions;
// so does someone else's, which a conflict reveals (`whenStale`).
function useInvalidate() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all(
      ["/v1/conferences", "/v1/conferences/{id}", "/v1/my/items", "/v1/my/actions"].map((path) =>
        queryClient.invalidateQueries({ queryKey: ["get", path] }),
      ),
    );
}

export function useScheduleConference() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: async (body: ConferenceInput) =>
      unwrap(
        await conferencesApi.POST("/v1/conferences", {
          params: { header: { "idempotency-key": key() } },
          body,
        }),
      ),
    onSuccess: invalidate,
    onError: whenStale(invalidate),
  });
}

export function useUpdateConference(id: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: async (body: ConferencePatch) =>
      unwrap(await conferencesApi.PATCH("/v1/conferences/{id}", { params: { path: { id } }, body })),
    onSuccess: invalidate,
    onError: whenStale(invalidate),
  });
}

export function useCancelConference(id: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: async () =>
      unwrap(await conferencesApi.POST("/v1/conferences/{id}/cancel", { params: { path: { id } } })),
    onSuccess: invalidate,
    onError: whenStale(invalidate),
  });
}

export function useAddItem(id: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: async (body: AgendaItemInput) =>
      unwrap(
        await conferencesApi.POST("/v1/conferences/{id}/items", {
          params: { path: { id }, header: { "idempotency-key": key() } },
          body,
        }),
      ),
    onSuccess: invalidate,
    onError: whenStale(invalidate),
  });
}

export function useRecordDecision(id: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: async ({ itemId, body }: { itemId: string; body: DecisionInput }) =>
      unwrap(
        await conferencesApi.POST("/v1/conferences/{id}/items/{itemId}/decisions", {
          params: { path: { id, itemId }, header: { "idempotency-key": key() } },
          body,
        }),
      ),
    onSuccess: invalidate,
    onError: whenStale(invalidate),
  });
}

export function useSetActionStatus() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: async ({ id, status }: { id: string; status: ActionStatus }) =>
      unwrap(await conferencesApi.PATCH("/v1/actions/{id}", { params: { path: { id } }, body: { status } })),
    onSuccess: invalidate,
    onError: whenStale(invalidate),
  });
}
