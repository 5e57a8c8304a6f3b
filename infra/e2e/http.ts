import { request } from "node:http";
import { FIELD_CODES, ProblemDetails, type Role } from "@relais/contracts";
import { mintToken } from "@relais/testing";

export const ORG = "org-e2e";
export const OTHER_ORG = "org-elsewhere";

/**
 * Caseworkers name their teams in a `teams` claim (services/referrals/README.md): here the two
 * teams the routing seed gives Seraing, where the flow files. (Not the coordinators' queue: no
 * token's teams reach it.)
 */
export const CASEWORKER_TEAMS = ["seraing-victims", "seraing-authors"];

export async function tokenFor(
  role: Role,
  org = ORG,
  sub = `e2e-${role}`,
  claims: Record<string, unknown> = {},
): Promise<string> {
  const teams = role === "caseworker" ? { teams: CASEWORKER_TEAMS } : {};
  return mintToken({ role, org, sub, expiresIn: "1h", claims: { ...teams, ...claims } });
}

export interface Answer {
  status: number;
  contentType: string;
  body: string;
}

/**
 * One request over node:http rather than fetch: a server may answer 413 and close the socket
 * while a huge body is still being written, and the answer must still be read.
 */
export function send(
  url: string,
  init: { method: string; token?: string; headers?: Record<string, string>; body?: string },
): Promise<Answer> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.body !== undefined) headers["content-length"] = String(Buffer.byteLength(init.body));
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = request(url, { method: init.method, headers, agent: false }, (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          contentType: String(res.headers["content-type"] ?? ""),
          body: Buffer.concat(chunks).toString("utf8"),
        }),
      );
      res.on("error", reject);
    });
    req.on("error", (error) => {
      if (!answered) reject(error);
    });
    if (init.body !== undefined) req.write(init.body);
    req.end();
  });
}

/** An error answer as DESIGN.md requires: 4xx, problem+json, and its own status in the body. */
/**
 * A 4xx problem+json of the contract's shape, with no stack trace; each field error with a code
 * clients can translate (`FIELD_CODES`) and exactly the values its sentence needs.
 */
export function isProblem(answer: Answer): boolean {
  if (answer.status < 400 || answer.status >= 500) return false;
  if (!answer.contentType.includes("application/problem+json")) return false;
  try {
    const parsed = ProblemDetails.safeParse(JSON.parse(answer.body));
    if (!parsed.success) return false;
    const problem = parsed.data;
    const coded = (problem.errors ?? []).every(
      (e) =>
        JSON.stringify(Object.keys(e.params ?? {}).sort()) ===
        JSON.stringify([...FIELD_CODES[e.code]].sort()),
    );
    return problem.status === answer.status && coded && !answer.body.includes("    at ");
  } catch {
    return false;
  }
}

export interface JsonAnswer<T = unknown> {
  status: number;
  text: string;
  json: T;
}

/** One JSON request with a bearer token (and an Idempotency-Key when given); never throws on a status. */
export async function jsonRequest<T = unknown>(
  url: string,
  init: { method: string; token?: string; body?: unknown; key?: string },
): Promise<JsonAnswer<T>> {
  const headers: Record<string, string> = {};
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.body !== undefined) headers["content-type"] = "application/json";
  if (init.key) headers["idempotency-key"] = init.key;
  const response = await fetch(url, {
    method: init.method,
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await response.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  return { status: response.status, text, json: json as T };
}
