// Typed clients of the services, through the console's /api forwarding. Types come from the
// services' OpenAPI documents (scripts/generate-api-types.ts). Each service has a fetch client
// (`referralsApi` …) and its query hooks (`$referrals` …, openapi-react-query), whose query keys are
// `[method, path, init]`: a mutation refreshes what it changed by that key's prefix.
import type { FieldCode } from "@relais/contracts";
import { type QueryKey, useMutation, useQueryClient } from "@tanstack/react-query";
import createClient, { type Middleware } from "openapi-fetch";
import createQueryHooks from "openapi-react-query";
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

// openapi-react-query throws openapi-fetch's `error` as it is (nothing for an empty body, no
// status): the hooks' client throws the problem document in unwrap's shape instead, so screens read
// it with `problemOf` whichever way the call was made. A 401 is the session's (above).
const problemsThrown: Middleware = {
  async onResponse({ response }) {
    if (!response.ok && response.status !== 401)
      throw problemError(response, await response.json().catch(() => undefined));
    return response;
  },
};

function client<P extends {}>(service: string, ...middleware: Middleware[]) {
  const c = createClient<P>({ baseUrl: `/api/${service}`, credentials: "same-origin", cache: "no-store" });
  c.use(consoleSession, ...middleware);
  return c;
}

// The fetch clients leave a refusal in the result: the attendance queue reads its status.
export const referralsApi = client<ReferralsPaths>("referrals");
export const groupsApi = client<GroupsPaths>("groups");
export const notificationsApi = client<NotificationsPaths>("notifications");
export const housingApi = client<HousingPaths>("housing");
export const conferencesApi = client<ConferencesPaths>("conferences");

export const $referrals = createQueryHooks(client<ReferralsPaths>("referrals", problemsThrown));
export const $groups = createQueryHooks(client<GroupsPaths>("groups", problemsThrown));
export const $notifications = createQueryHooks(client<NotificationsPaths>("notifications", problemsThrown));
export const $housing = createQueryHooks(client<HousingPaths>("housing", problemsThrown));
export const $conferences = createQueryHooks(client<ConferencesPaths>("conferences", problemsThrown));

// Refreshes that run on their own say so, so they do not keep an idle session alive.
export const background = { headers: { "X-Relais-Activity": "background" } } as const;

export interface Problem {
  status: number;
  code?: string;
  title?: string;
  detail?: string;
  /** Each refused field: `code` (and `params`) for the console to say in its language, `message` in English. */
  errors?: FieldProblem[];
}

export interface FieldProblem {
  path: string;
  code?: FieldCode;
  params?: Record<string, string | number>;
  message: string;
}

/** Turns an openapi-fetch result into its data, or throws the problem document. */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.error !== undefined || !result.response.ok) throw problemError(result.response, result.error);
  return result.data as T;
}

function problemError(response: Response, body: unknown) {
  const problem = (body ?? {}) as Partial<Problem>;
  return Object.assign(new Error(problem.title ?? `HTTP ${response.status}`), {
    problem: { ...problem, status: response.status } as Problem,
  });
}

export function problemOf(error: unknown): Problem | undefined {
  return (error as { problem?: Problem } | null)?.problem;
}

/**
 * Whether a call failed because its record changed under the reader (409: someone else has
 * confirmed, claimed or ended it meanwhile) or is gone (404): what the screen shows of it is stale.
 */
function isStale(error: unknown) {
  const status = problemOf(error)?.status;
  return status === 409 || status === 404;
}

/** A mutation's `onError` that reads the screen's data again (`refresh`) when the call found it stale. */
export const whenStale = (refresh: () => unknown) => (error: unknown) => {
  if (isStale(error)) void refresh();
};

/**
 * A mutation after which the queries under `queryKey` are read again (it settles once they are):
 * after it succeeded, and after a conflict (`isStale`), so that the screen shows what changed.
 */
export function useRefreshingMutation<I, R>(queryKey: QueryKey, mutationFn: (input: I) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey }),
    onError: whenStale(() => queryClient.invalidateQueries({ queryKey })),
  });
}
