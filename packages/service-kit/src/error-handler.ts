// The single place where anything thrown becomes a problem+json response.
import type { ProblemCode } from "@relais/contracts";
import { storageFaultOf } from "@relais/db";
import type { Context, ErrorHandler, NotFoundHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppEnv } from "./app.js";
import { DomainError, problemResponse } from "./errors.js";
import { StoredAnswer } from "./idempotency.js";

/** What a 503 for a storage fault tells the client to wait before retrying. */
export const STORAGE_RETRY_AFTER_S = 5;

// hono's JSON validator reports unparseable bodies as a plain 400 with this message.
const MALFORMED_JSON = "Malformed JSON in request body";

const HTTP_PROBLEMS: Record<number, { code: ProblemCode; title: string }> = {
  400: { code: "invalid", title: "Invalid request" },
  401: { code: "unauthorized", title: "Unauthorized" },
  403: { code: "forbidden", title: "Forbidden" },
  404: { code: "not_found", title: "Not found" },
  405: { code: "method_not_allowed", title: "Method not allowed" },
  413: { code: "payload_too_large", title: "Payload too large" },
  415: { code: "unsupported_media_type", title: "Unsupported media type" },
};

export const onError: ErrorHandler<AppEnv> = (error, c) => {
  // Not a failure: a verb met an Idempotency-Key that already has its answer.
  if (error instanceof StoredAnswer) return error.toResponse();
  if (error instanceof DomainError) {
    return problemResponse(c, {
      status: error.status,
      code: error.code,
      title: error.title,
      detail: error.detail,
      errors: error.errors,
      headers: error.headers,
    });
  }
  if (error instanceof HTTPException) {
    if (error.status >= 500) c.var.logger?.error({ err: error }, "server error");
    return httpProblem(c, error);
  }
  const fault = storageFaultOf(error);
  if (fault) {
    // The disk, not the request: the transaction rolled back, so the client may safely retry.
    c.var.logger?.warn({ err: error, fault }, "storage fault");
    return problemResponse(c, {
      status: 503,
      code: "storage_unavailable",
      title: "Storage unavailable",
      detail: "The service cannot write its data right now and changed nothing; retry later",
      headers: { "Retry-After": String(STORAGE_RETRY_AFTER_S) },
    });
  }
  c.var.logger?.error({ err: error }, "unhandled error");
  return problemResponse(c, {
    status: 500,
    code: "internal",
    title: "Internal server error",
    detail: "Something went wrong on our side; quote the request id when reporting it",
  });
};

function httpProblem(c: Context, error: HTTPException): Response {
  if (error.status === 400 && error.message === MALFORMED_JSON) {
    return problemResponse(c, {
      status: 400,
      code: "invalid_json",
      title: "Malformed JSON",
      detail: "The request body is not valid JSON",
    });
  }
  const known = HTTP_PROBLEMS[error.status] ?? { code: "request_failed" as const, title: "Request failed" };
  return problemResponse(c, {
    status: error.status as ContentfulStatusCode,
    ...known,
    detail: error.message || undefined,
  });
}

export const notFound: NotFoundHandler<AppEnv> = (c) =>
  problemResponse(c, {
    status: 404,
    code: "not_found",
    title: "Not found",
    detail: `No route for ${c.req.method} ${c.req.path}`,
  });
