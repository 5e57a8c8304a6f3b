// Calls a Hono app in process as a given person, with a token minted for them: the one client the
// services' tests speak through. Each service names its own default caller (role, organisation).
import { PROBLEM_CODES, type Role } from "@relais/contracts";
import { expect } from "vitest";
import { mintToken } from "./tokens.js";

export interface Caller {
  role?: Role;
  /** Several roles at once (overrides `role`). */
  roles?: Role[];
  org?: string;
  sub?: string;
  /** A police officer's zone (`zone` claim). */
  zone?: string;
  /** A caseworker's teams (`teams` claim). */
  teams?: readonly string[];
  /** A ready token (stale, exp-less…) instead of a minted one. */
  token?: string;
}

export interface Requestable {
  request(path: string, init?: RequestInit): Response | Promise<Response>;
}

export interface CallerDefaults {
  role: Role;
  org: string;
  /** The subject of a caller who names none (default `<role>-1`). */
  sub?: (role: Role) => string;
}

export type Client = ReturnType<typeof clientFor>;

/** A client of `app`; POSTs carry a fresh idempotency key unless the test gives one. */
export function clientFor(app: Requestable, defaults: CallerDefaults) {
  let keys = 0;
  async function tokenFor(caller: Caller): Promise<string> {
    if (caller.token) return caller.token;
    const role = caller.role ?? defaults.role;
    const claims = {
      ...(caller.zone ? { zone: caller.zone } : {}),
      ...(caller.teams ? { teams: caller.teams } : {}),
    };
    return mintToken({
      roles: caller.roles ?? [role],
      org: caller.org ?? defaults.org,
      sub: caller.sub ?? defaults.sub?.(role) ?? `${role}-1`,
      claims,
    });
  }
  async function call(
    method: string,
    path: string,
    caller: Caller = {},
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Response> {
    return app.request(path, {
      method,
      headers: {
        authorization: `Bearer ${await tokenFor(caller)}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        ...(method === "POST" ? { "idempotency-key": `key-${++keys}-${Math.random()}` } : {}),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  }
  return {
    call,
    get: (path: string, caller: Caller = {}) => call("GET", path, caller),
    post: (path: string, body: unknown, caller: Caller = {}, headers?: Record<string, string>) =>
      call("POST", path, caller, body, headers),
    patch: (path: string, body: unknown, caller: Caller = {}) => call("PATCH", path, caller, body),
    put: (path: string, body: unknown, caller: Caller = {}) => call("PUT", path, caller, body),
  };
}

export async function json<T = Record<string, unknown>>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

/** A problem+json response's status, code, detail, the fields it names and their field codes. */
export async function problem(response: Response) {
  expect(response.headers.get("content-type")).toContain("application/problem+json");
  const body = (await response.json()) as {
    status: number;
    code: string;
    detail?: string;
    errors?: Array<{ path: string; code?: string }>;
  };
  // Every code is one the contract lists, so the console has a sentence or a status for it.
  expect(PROBLEM_CODES).toContain(body.code);
  return {
    status: body.status,
    code: body.code,
    detail: body.detail,
    paths: (body.errors ?? []).map((e) => e.path),
    fieldCodes: (body.errors ?? []).map((e) => e.code),
  };
}
