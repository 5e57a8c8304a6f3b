import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { ContactDetails, ContactPreferences, ReferralStatus } from "@relais/contracts";
import {
  type AppEnv,
  bearerSecurity,
  defaultHook,
  IdempotencyKeyHeader,
  idempotency,
  jsonBody,
  jsonResponse,
  ProblemResponses,
  principalOf,
  rateLimit,
  requireRoles,
  verbContext,
} from "@relais/service-kit";
import { type FiledReferral as Filed, fileReferral } from "../actions/file-referral.js";
import { policeStatus } from "../actions/police-status.js";
import { readReferral } from "../actions/read-referral.js";
import type { AppDeps } from "../app.js";
import { ReferralInput } from "../domain/referral-input.js";
import { scopeOf, zoneOf } from "./claims.js";

const Role = z.enum(["victim", "author"]);

const FiledReferral = z
  .object({
    id: z.string(),
    status: ReferralStatus,
    createdAt: z.string(),
    persons: z.array(
      z.object({
        personRef: z.string(),
        role: Role,
        contactable: z.boolean(),
        reason: z.string().nullable(),
      }),
    ),
  })
  .openapi("FiledReferral");

const ReferralFeedback = z
  .object({
    id: z.string(),
    incidentReference: z.string(),
    status: ReferralStatus,
    firstContactAt: z.string().nullable(),
    updatedAt: z.string(),
    persons: z.array(
      z.object({
        role: Role,
        callback: z.boolean().openapi({ description: "Whether a call-back task was made" }),
        reason: z
          .string()
          .nullable()
          .openapi({ description: "Why not: no_consent, do_not_contact, no_contact_details" }),
      }),
    ),
  })
  .openapi("ReferralFeedback");

const Attempt = z.object({
  at: z.string(),
  outcome: z.string(),
  channel: z.string(),
  by: z.string(),
  note: z.string().nullable(),
});

const ReferralDetail = z
  .object({
    id: z.string(),
    status: ReferralStatus,
    policeZone: z.string(),
    incidentReference: z.string(),
    incidentAt: z.string(),
    kind: z.string(),
    riskLevel: z.enum(["high", "medium", "low"]),
    riskScore: z.number().nullable(),
    childrenPresent: z.boolean(),
    municipality: z.string(),
    firstContactAt: z.string().nullable(),
    createdAt: z.string(),
    settledAt: z.string().nullable(),
    persons: z.array(
      z.object({
        personRef: z.string(),
        role: Role,
        contactable: z.boolean(),
        reason: z.string().nullable(),
        displayName: z.string().nullable().optional(),
        language: z.string().optional(),
        timeZone: z.string().optional(),
        contact: ContactDetails.optional(),
        preferences: ContactPreferences.optional(),
        task: z
          .object({
            id: z.string(),
            team: z.string(),
            status: z.enum(["open", "closed"]),
            outcome: z.string().nullable(),
            outcomeDetail: z.record(z.string(), z.unknown()).nullable(),
            dueAt: z.string(),
            slaDeadline: z.string(),
            reachedAt: z.string().nullable(),
            attempts: z.array(Attempt),
          })
          .nullable()
          .optional(),
      }),
    ),
  })
  .openapi("ReferralDetail", {
    description:
      "Persons whose task belongs to another team show only their reference, role and contactability",
  });

const IdParam = z.object({ id: z.string().min(1).max(64) });

const statusRoute = createRoute({
  method: "get",
  path: "/v1/referrals/{id}/status",
  summary: "The minimal feedback the filing police zone may see",
  security: bearerSecurity,
  middleware: [requireRoles("police")] as const,
  request: { params: IdParam },
  responses: { 200: jsonResponse(ReferralFeedback, "Status"), ...ProblemResponses },
});

const readRoute = createRoute({
  method: "get",
  path: "/v1/referrals/{id}",
  summary: "A referral with its persons and call-back tasks (audited)",
  security: bearerSecurity,
  middleware: [requireRoles("caseworker", "coordinator")] as const,
  request: { params: IdParam },
  responses: { 200: jsonResponse(ReferralDetail, "The referral"), ...ProblemResponses },
});

function fileRoute(deps: AppDeps) {
  return createRoute({
    method: "post",
    path: "/v1/referrals",
    summary: "File a referral after a police intervention",
    description: "The filing zone is the token's `zone` claim, or its subject when it has none.",
    security: bearerSecurity,
    middleware: [
      requireRoles("police"),
      // Per police zone of the organisation: one zone's runaway system cannot starve the others.
      rateLimit<AppEnv>({
        ...(deps.intakeLimit ?? { limit: 0, windowMs: 60_000 }),
        what: "referrals filed by this police zone",
        key: (c) => `${principalOf(c).org}:${zoneOf(c)}`,
      }),
      idempotency(),
    ] as const,
    request: { headers: IdempotencyKeyHeader, body: jsonBody(ReferralInput) },
    responses: {
      201: jsonResponse(FiledReferral, "Filed"),
      ...ProblemResponses,
      429: {
        description: "`rate_limited`: this zone filed too many referrals; retry after `Retry-After` seconds",
        content: ProblemResponses[409].content,
      },
    },
  });
}

export function referralRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook });
  return app
    .openapi(fileRoute(deps), async (c) => {
      const answer = { status: 201, present: (filed: Filed) => filed };
      const filed = await fileReferral(verbContext(c, deps, answer), {
        zoneId: zoneOf(c),
        input: c.req.valid("json"),
      });
      return c.json(filed, 201);
    })
    .openapi(statusRoute, async (c) => {
      const status = await policeStatus(
        deps,
        principalOf(c),
        zoneOf(c),
        c.req.valid("param").id,
        c.var.requestId,
      );
      return c.json(status, 200);
    })
    .openapi(readRoute, async (c) => {
      const detail = await readReferral(
        deps,
        principalOf(c),
        scopeOf(c),
        c.req.valid("param").id,
        c.var.requestId,
      );
      return c.json(ReferralDetail.parse(detail), 200);
    });
}
