// Query and mutation hooks of the coordinator's screens (issue 14), on the three services' clients.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  $notifications,
  $referrals,
  background,
  conferencesApi,
  groupsApi,
  housingApi,
  notificationsApi,
  referralsApi,
  unwrap,
  useRefreshingMutation,
} from "./clients";
import type { components as N } from "./generated/notifications";
import type { Route, RouteInput } from "./generated/referrals";

export type {
  AuditEntry,
  DeadLetter,
  Escalation,
  PoliceZone,
  ReferralMatch,
  RetentionOutlook,
  Route,
  RouteInput,
  SlaOverview,
  UnroutedTask,
  WebhookDelivery,
} from "./generated/referrals";
export type Message = N["schemas"]["Message"];

/** Every service: each has the kit's dead letters and audit trail. */
export const SERVICES = ["referrals", "notifications", "groups", "housing", "conferences"] as const;
export type ServiceName = (typeof SERVICES)[number];
// The kit's dead-letter and audit routes are the same on every service; one client type serves.
// Their queries keep keys of their own that name the service: openapi-react-query's keys are
// `[method, path, init]` without the service, so two services' same path would share a cache entry.
const kitClients = {
  referrals: referralsApi,
  notifications: notificationsApi,
  groups: groupsApi,
  housing: housingApi,
  conferences: conferencesApi,
} as unknown as Record<ServiceName, typeof referralsApi>;

export function useSla(from: string) {
  return $referrals.useQuery(
    "get",
    "/v1/oversight/sla",
    { params: { query: { from } }, ...background },
    { placeholderData: keepPreviousData, refetchInterval: 30_000 },
  );
}

export function useTeamTasks(team: string) {
  return $referrals.useQuery(
    "get",
    "/v1/callbacks",
    { params: { query: { team, limit: 200 } } },
    { select: (page) => page.items },
  );
}

export function useEscalations() {
  return $referrals.useQuery(
    "get",
    "/v1/oversight/escalations",
    { params: { query: { limit: 200 } } },
    { select: (page) => page.items, refetchInterval: 30_000 },
  );
}

export function useUnrouted() {
  return $referrals.useQuery(
    "get",
    "/v1/oversight/unrouted",
    { params: { query: { limit: 200 } } },
    { select: (page) => page.items },
  );
}

export function useAssign() {
  return useRefreshingMutation(
    ["get", "/v1/oversight/unrouted"],
    async ({ id, team }: { id: string; team: string }) =>
      unwrap(
        await referralsApi.POST("/v1/callbacks/{id}/assign", { params: { path: { id } }, body: { team } }),
      ),
  );
}

/** The whole routing table (a few hundred rows at most), page by page. */
export function useRoutes() {
  return useQuery({
    queryKey: ["routes"],
    queryFn: async () => {
      const all: Route[] = [];
      let cursor: string | undefined;
      do {
        const page = unwrap(
          await referralsApi.GET("/v1/routes", { params: { query: { limit: 200, cursor } } }),
        );
        all.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return all;
    },
    staleTime: 30_000,
  });
}

export function usePutRoute() {
  return useRefreshingMutation(
    ["routes"],
    async ({ municipality, body }: { municipality: string; body: RouteInput }) =>
      unwrap(
        await referralsApi.PUT("/v1/routes/{municipality}", { params: { path: { municipality } }, body }),
      ),
  );
}

const ZONES = ["get", "/v1/police-zones"] as const;
const zoneDeliveries = (zone: string) =>
  ["get", "/v1/police-zones/{zone}/deliveries", { params: { path: { zone } } }] as const;

export function useZones() {
  return $referrals.useQuery("get", "/v1/police-zones", {}, { select: (page) => page.items });
}

export function useZoneDeliveries(zone: string | null) {
  return $referrals.useQuery(
    "get",
    "/v1/police-zones/{zone}/deliveries",
    { params: { path: { zone: zone ?? "" }, query: { limit: 50 } }, ...background },
    {
      enabled: zone !== null,
      select: (page) => page.items,
      // While something is on its way, look again soon.
      refetchInterval: (query) =>
        query.state.data?.items.some((d) => d.status === "pending") ? 1_500 : 30_000,
    },
  );
}

export function usePutWebhook() {
  return useRefreshingMutation(ZONES, async ({ zone, url }: { zone: string; url: string }) =>
    unwrap(
      await referralsApi.PUT("/v1/police-zones/{zone}/webhook", {
        params: { path: { zone } },
        body: { url },
      }),
    ),
  );
}

export function useTestDelivery() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (zone: string) =>
      unwrap(await referralsApi.POST("/v1/police-zones/{zone}/webhook/test", { params: { path: { zone } } })),
    onSuccess: (_, zone) => queryClient.invalidateQueries({ queryKey: zoneDeliveries(zone) }),
  });
}

export function useLookup() {
  return useMutation({
    mutationFn: async (incidentReference: string) =>
      unwrap(await referralsApi.POST("/v1/referrals/lookup", { body: { incidentReference } })).items,
  });
}

export function useDeadLetters(service: ServiceName) {
  return useQuery({
    queryKey: ["dead-letters", service],
    queryFn: async () =>
      unwrap(await kitClients[service].GET("/v1/dead-letters", { params: { query: { limit: 100 } } })).items,
  });
}

export function useRefreshDeadLetters() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: ["dead-letters"] });
}

export function useOpenDeadLetter(service: ServiceName) {
  return useMutation({
    mutationFn: async (id: string) =>
      unwrap(await kitClients[service].GET("/v1/dead-letters/{id}", { params: { path: { id } } })),
  });
}

export function useReplay(service: ServiceName) {
  const queryClient = useQueryClient();
  return useMutation({
    /** One dead letter by id, or `{ upTo }`: all those recorded up to the newest the screen shows. */
    mutationFn: async (target: string | { upTo: string }) =>
      typeof target !== "string"
        ? unwrap(await kitClients[service].POST("/v1/dead-letters/replay", { body: target }))
        : unwrap(
            await kitClients[service].POST("/v1/dead-letters/{id}/replay", {
              params: { path: { id: target } },
            }),
          ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ["dead-letters", service] }),
  });
}

export interface MessageFilter {
  status?: Message["status"];
  channel?: Message["channel"];
  template?: string;
}

export function useMessages(filter: MessageFilter) {
  return $notifications.useQuery(
    "get",
    "/v1/messages",
    { params: { query: { ...filter, limit: 100 } } },
    { select: (page) => page.items, placeholderData: keepPreviousData },
  );
}

export function useRetryMessage() {
  return useRefreshingMutation(["get", "/v1/messages"], async (id: string) =>
    unwrap(await notificationsApi.POST("/v1/messages/{id}/retry", { params: { path: { id } } })),
  );
}

export interface AuditFilter {
  recordId?: string;
  actor?: string;
  outcome?: "allowed" | "denied";
  from?: string;
  to?: string;
}

/**
 * The trail of every service, newest first. A service that does not answer leaves its part out and
 * is named in `unavailable`, so one service down does not hide the others' trail; none answering
 * is the query's error.
 */
export function useAudit(filter: AuditFilter) {
  return useQuery({
    queryKey: ["audit", filter],
    queryFn: async () => {
      const pages = await Promise.allSettled(
        SERVICES.map(async (service) => {
          const page = unwrap(
            await kitClients[service].GET("/v1/audit", { params: { query: { ...filter, limit: 200 } } }),
          );
          return page.items.map((entry) => ({ ...entry, service }));
        }),
      );
      const answered = pages.flatMap((page) => (page.status === "fulfilled" ? [page.value] : []));
      if (answered.length === 0) throw (pages[0] as PromiseRejectedResult).reason;
      return {
        entries: answered.flat().sort((a, b) => b.at.localeCompare(a.at)),
        unavailable: SERVICES.filter((_, i) => pages[i]!.status === "rejected"),
      };
    },
    placeholderData: keepPreviousData,
  });
}

export function useRetention() {
  return $referrals.useQuery("get", "/v1/retention");
}

/** Referrals announces the organisation's call-back tasks again, for a service that joined late. */
export function useAnnounceTasks() {
  return useMutation({
    mutationFn: async () =>
      unwrap(await referralsApi.POST("/v1/oversight/task-announcements", { body: { closedWithinDays: 30 } })),
  });
}
