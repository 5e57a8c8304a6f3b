import { z } from "@hono/zod-openapi";
import { ContactDetails, ContactPreferences, ReferralStatus } from "@relais/contracts";
import {
  type AppEnv,
  documentedProblem,
  guardedRoute,
  jsonBody,
  jsonResponse,
  principalOf,
  rateLimit,
  routeModule,
} from "@relais/service-kit";
import { type FiledReferral as Filed, fileReferral } from "../actions/file-referral.js";
import { policeStatus } from "../actions/police-status.js";
import { readReferral } from "../actions/read-referral.js";
import type { AppDeps } from "../app.js";
import { ReferralInput } from "../domain/referral-input.js";
import { teamContext, zoneOf } from "./claims.js";
import { FiledPerson, PersonRole, TaskSummary } from "./views.js";

const FiledReferral = z
  .object({
    id: z.string(),
    status: ReferralStatus,
    createdAt: z.string(),
    persons: z.array(FiledPerson),
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
        role: PersonRole,
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
      FiledPerson.extend({
        displayName: z.string().nullable().optional(),
        language: z.string().optional(),
        timeZone: z.string().optional(),
        contact: ContactDetails.optional(),
        preferences: ContactPreferences.optional(),
        task: TaskSummary.extend({
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

const statusRoute = guardedRoute({
  method: "get",
  path: "/v1/referrals/{id}/status",
  summary: "The minimal feedback the filing police zone may see",
  roles: ["police"],
  request: { params: IdParam },
  responses: { 200: jsonResponse(ReferralFeedback, "Status") },
});

const readRoute = guardedRoute({
  method: "get",
  path: "/v1/referrals/{id}",
  summary: "A referral with its persons and call-back tasks (audited)",
  roles: ["caseworker", "coordinator"],
  request: { params: IdParam },
  responses: { 200: jsonResponse(ReferralDetail, "The referral") },
});

function fileRoute(deps: AppDeps) {
  return guardedRoute({
    method: "post",
    path: "/v1/referrals",
    summary: "File a referral after a police intervention",
    description: "The filing zone is the token's `zone` claim, or its subject when it has none.",
    roles: ["police"],
    // Per police zone of the organisation: one zone's runaway system cannot starve the others.
    use: [
      rateLimit<AppEnv>({
        ...(deps.intakeLimit ?? { limit: 0, windowMs: 60_000 }),
        what: "referrals filed by this police zone",
        key: (c) => `${principalOf(c).org}:${zoneOf(c)}`,
      }),
    ],
    idempotent: true,
    request: { body: jsonBody(ReferralInput) },
    responses: {
      201: jsonResponse(FiledReferral, "Filed"),
      429: documentedProblem(
        "`rate_limited`: this zone filed too many referrals; retry after `Retry-After` seconds",
      ),
    },
  });
}

export function referralRoutes(deps: AppDeps) {
  const { app, context, reply } = routeModule(deps);
  return app
    .openapi(fileRoute(deps), (c) =>
      reply(c, { status: 201, present: (filed: Filed) => filed }, (ctx) =>
        fileReferral(ctx, { zoneId: zoneOf(c), input: c.req.valid("json") }),
      ),
    )
    .openapi(statusRoute, async (c) =>
      c.json(await policeStatus(context(c), { zoneId: zoneOf(c), id: c.req.valid("param").id }), 200),
    )
    .openapi(readRoute, async (c) =>
      c.json(ReferralDetail.parse(await readReferral(teamContext(c, deps), c.req.valid("param"))), 200),
    );
}
