// The browser's side of the session: asks the console who is signed in. The CSRF token lives in
// memory only (never in storage) and goes on every state-changing call.
import { useQuery } from "@tanstack/react-query";

export type Role =
  | "police"
  | "caseworker"
  | "facilitator"
  | "programme_staff"
  | "coordinator"
  | "admin"
  | "housing_staff"
  | "partner";

export interface SignedInSession {
  signedIn: true;
  mode: "development" | "oidc";
  user: { sub: string; name: string; org: string; roles: Role[]; teams: string[]; zone: string | null };
  language: "fr" | "nl" | "en" | null;
  csrfToken: string;
  idleMinutes: number;
  idleEndsAt: string;
  expiresAt: string;
}
export interface SignedOutSession {
  signedIn: false;
  mode: "development" | "oidc";
  ended?: boolean;
}
export type SessionState = SignedInSession | SignedOutSession;

let csrfToken: string | undefined;
export const setCsrfToken = (token: string | undefined) => {
  csrfToken = token;
};
export const currentCsrfToken = () => csrfToken;

export class SessionEnded extends Error {
  constructor() {
    super("session ended");
  }
}

/** A call to the console's own /auth routes. */
export async function consoleCall<T>(path: string, init: RequestInit = {}): Promise<T> {
  const headers = new Headers(init.headers);
  if (init.body !== undefined) headers.set("Content-Type", "application/json");
  if ((init.method ?? "GET") !== "GET" && csrfToken) headers.set("X-CSRF-Token", csrfToken);
  const response = await fetch(path, { ...init, headers, credentials: "same-origin", cache: "no-store" });
  if (response.status === 401) throw new SessionEnded();
  const body = await response.json().catch(() => null);
  if (!response.ok)
    throw Object.assign(new Error(`HTTP ${response.status}`), { status: response.status, body });
  return body as T;
}

export function useSession() {
  return useQuery({
    queryKey: ["session"],
    queryFn: async () => {
      const session = await consoleCall<SessionState>("/auth/session");
      setCsrfToken(session.signedIn ? session.csrfToken : undefined);
      return session;
    },
    staleTime: Number.POSITIVE_INFINITY,
    refetchOnWindowFocus: false,
    retry: false,
  });
}

let signingOut = false;
/** True once sign-out started: a late 401 of a refresh must not send the page elsewhere. */
export const isSigningOut = () => signingOut;

export async function signOut(reason?: "idle") {
  signingOut = true;
  try {
    await consoleCall("/auth/sign-out", { method: "POST" });
  } finally {
    setCsrfToken(undefined);
    // A full load: nothing of this page's memory survives, and Back finds no cached page.
    window.location.replace(reason ? `/signed-out?reason=${reason}` : "/signed-out");
  }
}
