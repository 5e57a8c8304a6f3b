// The one error model: domain code throws these, `onError` turns them into problem+json.

import type { FieldError, ProblemCode, RuleCode } from "@relais/contracts";
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";

export type { FieldError };

/** A problem document before it is written: what a domain error carries, and what `onError` sends. */
export interface ProblemInit {
  status: ContentfulStatusCode;
  code: ProblemCode;
  title: string;
  detail?: string;
  errors?: FieldError[];
  headers?: Record<string, string>;
}

export class DomainError extends Error {
  readonly status: ContentfulStatusCode;
  readonly code: ProblemCode;
  readonly title: string;
  readonly errors?: FieldError[];
  readonly headers?: Record<string, string>;

  constructor(init: ProblemInit) {
    super(init.detail ?? init.title);
    this.name = new.target.name;
    this.status = init.status;
    this.code = init.code;
    this.title = init.title;
    this.errors = init.errors;
    this.headers = init.headers;
  }

  /** The text shown to the caller; the title alone when no detail was given. */
  get detail(): string | undefined {
    return this.message === this.title ? undefined : this.message;
  }
}

export class NotFound extends DomainError {
  constructor(detail?: string) {
    super({ status: 404, code: "not_found", title: "Not found", detail });
  }
}

/** A domain rule's code, or the kit's own: an Idempotency-Key reused or still being answered. */
export type ConflictCode = RuleCode | "conflict" | "idempotency_key_reused" | "idempotency_in_progress";

/**
 * A broken domain rule, always 409: the request is well-formed and valid on its own, and is
 * refused because of the current state of what it touches (a full group, a closed session, the
 * person's safe windows, the other team of a route). `code` says which rule; clients branch on it,
 * never on the status. 400 stays for the content itself (`Invalid`); 422 is not used.
 */
export class Conflict extends DomainError {
  constructor(detail: string, code: ConflictCode = "conflict", errors?: FieldError[]) {
    super({ status: 409, code, title: "Conflict", detail, errors });
  }
}

export class Forbidden extends DomainError {
  constructor(detail?: string) {
    super({ status: 403, code: "forbidden", title: "Forbidden", detail });
  }
}

export class Unauthorized extends DomainError {
  constructor(detail?: string) {
    // RFC 6750: a 401 names the scheme the client should use.
    super({
      status: 401,
      code: "unauthorized",
      title: "Unauthorized",
      detail,
      headers: { "WWW-Authenticate": detail ? 'Bearer error="invalid_token"' : "Bearer" },
    });
  }
}

export class Invalid extends DomainError {
  constructor(detail: string, errors?: FieldError[]) {
    super({ status: 400, code: "invalid", title: "Invalid request", detail, errors });
  }
}

export const PROBLEM_TYPE_BASE = "https://relais.example/problems/";
export const PROBLEM_CONTENT_TYPE = "application/problem+json";

/** Writes an RFC 9457 problem document. */
export function problemResponse(c: Context, problem: ProblemInit): Response {
  const requestId: string | undefined = c.get("requestId");
  const body = {
    type: `${PROBLEM_TYPE_BASE}${problem.code}`,
    title: problem.title,
    status: problem.status,
    detail: problem.detail,
    code: problem.code,
    requestId,
    instance: c.req.path,
    errors: problem.errors,
  };
  return c.body(JSON.stringify(body), problem.status, {
    ...problem.headers,
    "Content-Type": PROBLEM_CONTENT_TYPE,
  });
}
