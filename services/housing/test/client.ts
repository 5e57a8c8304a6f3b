// Calls the app as a given member of staff; every test speaks to the service through this.
import type { Role } from "@relais/contracts";
import { mintToken } from "@relais/testing";
import { expect } from "vitest";

export interface Caller {
  role?: Role;
  org?: string;
  sub?: string;
  teams?: readonly string[];
  token?: string;
}

export const ORG = "org-liege";
export const OTHER_ORG = "org-namur";

interface Requestable {
  request(path: string, init?: RequestInit): Response | Promise<Response>;
}

export function clientFor(app: Requestable) {
  let keys = 0;
  async function call(
    method: string,
    path: string,
    caller: Caller,
    body?: unknown,
    headers: Record<string, string> = {},
  ) {
    const role = caller.role ?? "housing_staff";
    const token =
      caller.token ??
      (await mintToken({
        roles: [role],
        org: caller.org ?? ORG,
        sub: caller.sub ?? `${role}-1`,
        claims: caller.teams ? { teams: caller.teams } : {},
      }));
    return app.request(path, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
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
    put: (path: string, body: unknown, caller: Caller = {}) => call("PUT", path, caller, body),
  };
}

export async function json<T = Record<string, unknown>>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

/** A problem+json response's status, code and the fields it names. */
export async function problem(response: Response) {
  expect(response.headers.get("content-type")).toContain("application/problem+json");
  const body = (await response.json()) as { status: number; code: string; errors?: Array<{ path: string }> };
  return { status: body.status, code: body.code, paths: (body.errors ?? []).map((e) => e.path) };
}

export const staff = { role: "housing_staff" } as const;
export const worker = { role: "caseworker", teams: ["vif-victims"] } as const;
export const coordinator = { role: "coordinator" } as const;

export function placeInput(overrides: Record<string, unknown> = {}) {
  return {
    kind: "apartment",
    label: "Studio 2",
    address: "Rue des Tilleuls 14, 4000 Liège",
    capacity: 3,
    windows: [{ startsOn: "2026-01-01", endsOn: "2026-12-31" }],
    ...overrides,
  };
}

export function requestInput(overrides: Record<string, unknown> = {}) {
  return { personRef: "prs_nadia00001", householdSize: 2, riskLevel: "medium", nights: 14, ...overrides };
}
