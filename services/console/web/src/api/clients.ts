// Typed clients of the three services, through the console's /api forwarding. Types come from
// the services' OpenAPI documents (scripts/generate-api-types.ts).
import { type QueryKey, useMutation, useQueryClient } from "@tanstack/react-query";
import createClient, { type Middleware } from "openapi-fetch";
import type { paths as ConferencesPaths } from "./generated/conferences";
import type { paths as GroupsPaths } from "./generated/groups";
import type { paths as HousingPaths } from "./generated/housing";
import type { paths as NotificationsPaths } from "./generated/notifications";
import type { paths as ReferralsPaths } from "./generated/referrals";
import { currentCsrfToken, SessionEnded } from "./session";

let onSessionEnded: () => void = () => {};
export const whenSessionEnds = (handler: () => void) => {
  onSessionEnded = handler;
};

const consoleSession: Middleware = {
  onRequest({ request }) {
    if (request.method !== "GET") {
      const token = currentCsrfToken();
      if (token) request.headers.set("X-CSRF-Token", token);
    }
    return request;
  },
  onResponse({ response }) {
    if (response.status === 401) {
      onSessionEnded();
      throw new SessionEnded();
    }
    return response;
  },
};

function client<P extends {}>(service: string) {
  const c = createClient<P>({ baseUrl: `/api/${service}`, credentials: "same-origin", cache: "no-store" });
  c.use(consoleSession);
  return c;
}

export const referralsApi = client<ReferralsPaths>("referrals");
export const groupsApi = client<GroupsPaths>("groups");
export const notificationsApi = client<NotificationsPaths>("notifications");
export const housingApi = client<HousingPaths>("housing");
export const conferencesApi = client<ConferencesPaths>("conferences");

export interface Problem {
  status: number;
  code?: string;
  title?: string;
  detail?: string;
  errors?: Array<{ path: string; message: string }>;
}

/** Turns an openapi-fetch result into its data, or throws the problem document. */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.error !== undefined || !result.response.ok) {
    const problem = (result.error ?? {}) as Partial<Problem>;
    throw Object.assign(new Error(problem.title ?? `HTTP ${result.response.status}`), {
      problem: { ...problem, status: result.response.status } as Problem,
    });
  }
  return result.data as T;
}

export function problemOf(error: unknown): Problem | undefined {
  return (error as { problem?: Problem } | null)?.problem;
}

/** A mutation after which the queries under `queryKey` are read again (it settles once they are). */
export function useRefreshingMutation<I, R>(queryKey: QueryKey, mutationFn: (input: I) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn, onSuccess: () => queryClient.invalidateQueries({ queryKey }) });
}
