// Calls the app as a given person (coordinator, partner, police of a zone); every test speaks to
// the service through this.
import type { Role } from "@relais/contracts";
import { mintToken } from "@relais/testing";
import { expect } from "vitest";

export interface Caller {
  role?: Role;
  org?: string;
  sub?: string;
  zone?: string;
  /** A ready token (stale, exp-less…) instead of a minted one. */
  token?: string;
}

export const ORG = "org-liege";
export const PARQUET = "org-parquet-liege";
export const CPAS = "org-cpas-seraing";

export const coordinator: Caller = { role: "coordinator", org: ORG, sub: "coord-1" };
export const parquet: Caller = { role: "partner", org: PARQUET, sub: "parquet-rep" };
export const cpas: Caller = { role: "partner", org: CPAS, sub: "cpas-rep" };
export const police: Caller = { role: "police", org: ORG, sub: "officer-1", zone: "5277" };

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
    const token =
      caller.token ??
      (await mintToken({
        roles: [caller.role ?? "coordinator"],
        org: caller.org ?? ORG,
        sub: caller.sub ?? "coord-1",
        ...(caller.zone ? { claims: { zone: caller.zone } } : {}),
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
    get: (path: string, caller: Caller = coordinator) => call("GET", path, caller),
    post: (path: string, body: unknown, caller: Caller = coordinator, headers?: Record<string, string>) =>
      call("POST", path, caller, body, headers),
    patch: (path: string, body: unknown, caller: Caller = coordinator) => call("PATCH", path, caller, body),
  };
}

export async function json<T = Record<string, unknown>>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

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

export function conferenceInput(overrides: Record<string, unknown> = {}) {
  return {
    title: "Concertation Seraing–Neupré",
    policeZone: "5277",
    municipality: "Seraing",
    location: "Salle du conseil, hôtel de police",
    schedule: {
      timeZone: "Europe/Brussels",
      dtstart: "2026-03-10T14:00",
      rrule: "FREQ=MONTHLY;BYDAY=2TU;COUNT=10",
      durationMinutes: 120,
    },
    invitees: [
      {
        organisation: PARQUET,
        organisationName: "Parquet de Liège",
        role: "partner",
        email: "concertation@parquet.example",
        language: "fr",
      },
      {
        organisation: CPAS,
        organisationName: "CPAS de Seraing",
        role: "partner",
        email: "vif@cpas-seraing.example",
        language: "nl",
      },
      {
        organisation: ORG,
        organisationName: "Zone de police Seraing-Neupré",
        role: "police",
        zone: "5277",
        email: "cellule.vif@pz5277.example",
        language: "fr",
      },
    ],
    ...overrides,
  };
}
