// The person's private calendar feed (notifications). Its URL is a secret shown once: it stays in
// this page's memory (the query cache), never in browser storage, and a new one revokes the old.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { notificationsApi, unwrap } from "./clients";
import type { components } from "./generated/notifications";

export type CalendarFeed = components["schemas"]["CalendarFeed"];

const FEED_KEY = ["calendar-feed"] as const;

/** The feed made in this page, if any: the service never shows a URL twice. */
export function useCurrentFeed() {
  return useQuery<CalendarFeed | null>({
    queryKey: FEED_KEY,
    queryFn: () => null,
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: Number.POSITIVE_INFINITY,
  });
}

export function useCreateFeed() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => unwrap(await notificationsApi.POST("/v1/calendars")),
    onSuccess: (feed) => queryClient.setQueryData(FEED_KEY, feed),
  });
}

export function useRevokeFeed() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) =>
      unwrap(await notificationsApi.DELETE("/v1/calendars/{id}", { params: { path: { id } } })),
    onSuccess: () => queryClient.setQueryData(FEED_KEY, null),
  });
}
