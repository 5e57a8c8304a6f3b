// Calls the app as a given member of staff; every test speaks to the service through this.

import type { Role } from "@relais/contracts";
import { mintToken } from "@relais/testing";
import { expect } from "vitest";

export interface Caller {
  role?: Role;
  roles?: Role[];
  org?: string;
  sub?: string;
}

export const ORG = "org-liege";

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
  ): Promise<Response> {
    const token = await mintToken({
      roles: caller.roles ?? [caller.role ?? "coordinator"],
      org: caller.org ?? ORG,
      sub: caller.sub ?? `${caller.role ?? "coordinator"}-1`,
    });
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
    post: (path: string, body: unknown, caller: Caller = {}) => call("POST", path, caller, body),
    patch: (path: string, body: unknown, caller: Caller = {}) => call("PATCH", path, caller, body),
    put: (path: string, body: unknown, caller: Caller = {}) => call("PUT", path, caller, body),
  };
}

export async function json<T = Record<string, unknown>>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

/** A problem+json response's status, code and the fields it names. */
export async function problem(response: Response) {
  expect(response.headers.get("content-type")).toContain("application/problem+json");
  const body = (await response.json()) as {
    status: number;
    code: string;
    detail?: string;
    errors?: Array<{ path: string }>;
  };
  return {
    status: body.status,
    code: body.code,
    detail: body.detail,
    paths: (body.errors ?? []).map((e) => e.path),
  };
}

export function groupInput(overrides: Record<string, unknown> = {}) {
  return {
    kind: "victim_peer",
    publicName: "Atelier du mardi",
    language: "fr",
    municipality: "Seraing",
    location: { kind: "venue", address: "Rue de la Station 12, 4100 Seraing" },
    capacity: 10,
    admission: "rolling",
    facilitators: [{ sub: "facilitator-1", displayName: "Anne", email: "anne@example.org" }],
    schedule: {
      timeZone: "Europe/Brussels",
      dtstart: "2026-02-03T18:00",
      rrule: "FREQ=WEEKLY;BYDAY=TU;UNTIL=20261124T170000Z",
      durationMinutes: 120,
    },
    ...overrides,
  };
}
