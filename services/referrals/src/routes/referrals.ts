import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { ReferralStatus } from "@relais/contracts";
import {
  type AppEnv,
  bearerSecurity,
  defaultHook,
  IdempotencyKeyHeader,
  idempotency,
  jsonBody,
  jsonResponse,
  NotFound,
  ProblemResponses,
  principalOf,
  recordAudit,
  requireRoles,
} from "@relais/service-kit";
import { and, eq } from "drizzle-orm";
import type { AppDeps } from "../app.js";
import { referrals } from "../db/schema.js";
import { fileReferral } from "../domain/file-referral.js";
import { ReferralInput } from "../domain/referral-input.js";

const FiledReferral = z
  .object({
    id: z.string(),
    status: z.literal("received"),
    createdAt: z.string(),
    persons: z.array(
      z.object({
        personRef: z.string(),
        role: z.enum(["victim", "author"]),
        contactable: z.boolean(),
        reason: z.string().nullable(),
      }),
    ),
  })
  .openapi("FiledReferral");

const ReferralFeedback = z
  .object({ id: z.string(), status: ReferralStatus, firstContactAt: z.string().nullable() })
  .openapi("ReferralFeedback");

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

function fileRoute(deps: AppDeps) {
  return createRoute({
    method: "post",
    path: "/v1/referrals",
    summary: "File a referral after a police intervention",
    security: bearerSecurity,
    middleware: [requireRoles("police"), idempotency(deps.database)] as const,
    request: { headers: IdempotencyKeyHeader, body: jsonBody(ReferralInput) },
    responses: { 201: jsonResponse(FiledReferral, "Filed"), ...ProblemResponses },
  });
}

export function referralRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook });
  return app
    .openapi(fileRoute(deps), async (c) => {
      const filed = await fileReferral(deps, principalOf(c), c.req.valid("json"), c.var.requestId);
      return c.json(filed, 201);
    })
    .openapi(statusRoute, async (c) => {
      const principal = principalOf(c);
      const { id } = c.req.valid("param");
      const [row] = await deps.database.db
        .select({ id: referrals.id, status: referrals.status, firstContactAt: referrals.firstContactAt })
        .from(referrals)
        .where(
          and(eq(referrals.id, id), eq(referrals.orgId, principal.org), eq(referrals.filedBy, principal.sub)),
        )
        .limit(1);
      if (!row) throw new NotFound("No referral with this id was filed by your zone");
      await deps.database.write((tx) =>
        recordAudit(tx, { principal, action: "referral.status.read", recordType: "referral", recordId: id }),
      );
      return c.json(
        { id: row.id, status: ReferralStatus.parse(row.status), firstContactAt: row.firstContactAt },
        200,
      );
    });
}
