// Pieces for `createRoute` definitions, so every route documents its problems the same way.
import type { z } from "@hono/zod-openapi";
import { ProblemDetails } from "@relais/contracts";

export const BEARER_SCHEME = "bearerAuth";

/** `security` for a route behind `requireRoles`. */
export const bearerSecurity: Array<Record<string, string[]>> = [{ [BEARER_SCHEME]: [] }];

const problemContent = { "application/problem+json": { schema: ProblemDetails } };

/** A problem+json response described for one route: `409: documentedProblem("…what this route refuses")`. */
export function documentedProblem(description: string) {
  return { description, content: problemContent };
}

export const ProblemResponses = {
  400: documentedProblem("Invalid request: `errors` names each bad field, with a `code` clients translate"),
  401: documentedProblem("Missing, invalid or expired bearer token"),
  403: documentedProblem("The caller's roles do not allow this"),
  404: documentedProblem("Not found (or not visible to the caller's organisation)"),
  409: documentedProblem(
    "Breaks a domain rule given the current state (`code` says which, `errors` names the field), or an Idempotency-Key reused with another body",
  ),
  503: documentedProblem(
    "`storage_unavailable`: the service cannot write right now and changed nothing; retry after `Retry-After` seconds",
  ),
} as const;

/**
 * A required JSON request body. `required: true` matters: without it zod-openapi skips
 * validation entirely when the client sends no Content-Type.
 */
export function jsonBody<S extends z.ZodType>(schema: S, description?: string) {
  return {
    required: true,
    ...(description ? { description } : {}),
    content: { "application/json": { schema } },
  } as const;
}

/** A JSON response for a route's `responses`. */
export function jsonResponse<S extends z.ZodType>(schema: S, description: string) {
  return { description, content: { "application/json": { schema } } } as const;
}

const IDEMPOTENCY_KEY = "Makes a retried POST safe: the same key and body return the first result";

/**
 * The Idempotency-Key header of an idempotent route, as OpenAPI describes it (`idempotency()`
 * checks it at run time). Optional here because some routes let it be left out.
 */
export const IdempotencyKeyParameter = {
  schema: { type: "string", minLength: 1, maxLength: 200, description: IDEMPOTENCY_KEY },
  required: false,
  description: IDEMPOTENCY_KEY,
  name: "idempotency-key",
  in: "header",
} as const;
