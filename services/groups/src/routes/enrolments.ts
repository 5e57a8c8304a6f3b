import { z } from "@hono/zod-openapi";
import {
  ContactDetails,
  ContactPreferences,
  Language,
  Page,
  PageQuery,
  PersonRef,
  refusal,
} from "@relais/contracts";
import {
  documentedProblem,
  guardedRoute,
  jsonBody,
  jsonResponse,
  presentPage,
  routeModule,
} from "@relais/service-kit";
import { type EndedEnrolment, endEnrolment } from "../actions/end-enrolment.js";
import type { Enrolled } from "../actions/enrol-participant.js";
import { enrolByStaff } from "../actions/enrol-request.js";
import { listEnrolments } from "../actions/list-enrolments.js";
import { setMandate } from "../actions/set-mandate.js";
import type { AppDeps } from "../app.js";
import { type EnrolmentRecord, Mandate } from "../db/enrolment-store.js";
import { ComplianceView, IdParam, PersonShape } from "./views.js";

const RUNNERS = ["facilitator", "programme_staff"] as const;
const EnrolmentStatus = z.enum(["waitlisted", "enrolled", "completed", "withdrawn", "excluded"]);

const EnrolmentInput = z
  .object({
    personRef: PersonRef.optional(),
    placementId: z
      .string()
      .min(1)
      .max(64)
      .optional()
      .openapi({ description: "Place someone from GET /v1/placements" }),
    displayName: z.string().trim().min(1).max(120).optional(),
    language: Language.optional().openapi({ description: "Defaults to the group's language" }),
    contact: ContactDetails.optional(),
    preferences: ContactPreferences.optional(),
    mandate: Mandate.optional().openapi({ description: "Perpetrator programmes: who mandated attendance" }),
  })
  .refine(
    (input) => (input.personRef === undefined) !== (input.placementId === undefined),
    refusal("exactly_one", "Give exactly one of personRef or placementId", ["personRef"]),
  )
  .openapi("EnrolmentInput");

const EnrolmentView = z
  .object({
    id: z.string(),
    groupId: z.string(),
    ...PersonShape,
    language: Language,
    status: EnrolmentStatus,
    reason: z.string().nullable(),
    position: z.number().int().nullable().openapi({ description: "Place on the waitlist, 1 first" }),
    source: z.enum(["direct", "placement"]),
    referralId: z.string().nullable(),
    mandate: Mandate.nullable(),
    createdAt: z.string(),
    enrolledAt: z.string().nullable(),
    endedAt: z.string().nullable(),
  })
  .openapi("Enrolment");

/**
 * The answer to the creating POST carries no name: it is stored with the Idempotency-Key for
 * replays, and stored answers hold no personal data beyond the person reference.
 */
const EnrolmentCreated = EnrolmentView.omit({ displayName: true }).openapi("EnrolmentCreated");

function toView(enrolment: EnrolmentRecord, position: number | null): z.infer<typeof EnrolmentView> {
  return {
    id: enrolment.id,
    groupId: enrolment.groupId,
    personRef: enrolment.personRef,
    displayName: enrolment.displayName,
    language: enrolment.language,
    status: enrolment.status,
    reason: enrolment.reason,
    position,
    source: enrolment.source,
    referralId: enrolment.referralId,
    mandate: enrolment.mandate,
    createdAt: enrolment.createdAt,
    enrolledAt: enrolment.enrolledAt,
    endedAt: enrolment.endedAt,
  };
}

const EndInput = z
  .object({
    status: z.enum(["withdrawn", "excluded", "completed"]).default("withdrawn"),
    reason: z.string().trim().min(1).max(500).optional(),
  })
  .openapi("EnrolmentEnd");

const enrolRoute = guardedRoute({
  method: "post",
  path: "/v1/groups/{id}/enrolments",
  summary: "Enrol someone, or put them on the waitlist when the group is full",
  roles: RUNNERS,
  idempotent: true,
  request: { params: IdParam, body: jsonBody(EnrolmentInput) },
  responses: {
    201: jsonResponse(EnrolmentCreated, "Enrolled or waitlisted"),
    409: documentedProblem(
      "Already enrolled, admission closed, or a safety separation forbids it (says why, never who)",
    ),
  },
});

const listRoute = guardedRoute({
  method: "get",
  path: "/v1/groups/{id}/enrolments",
  summary: "The group's participants and waitlist (waitlist in arrival order)",
  roles: RUNNERS,
  request: { params: IdParam, query: PageQuery.extend({ status: EnrolmentStatus.optional() }) },
  responses: {
    200: jsonResponse(Page(EnrolmentView), "A page"),
  },
});

const endRoute = guardedRoute({
  method: "post",
  path: "/v1/enrolments/{id}/withdraw",
  summary:
    "End an enrolment (withdrawn by default, or excluded / completed); a freed seat promotes the waitlist",
  roles: RUNNERS,
  idempotent: { required: false },
  request: { params: IdParam, body: jsonBody(EndInput) },
  responses: { 200: jsonResponse(EnrolmentView, "The ended enrolment") },
});

const MandateView = z
  .object({
    enrolment: EnrolmentView,
    compliance: ComplianceView.nullable().openapi({
      description: "Re-evaluated with the new mandate; null while the person is on the waitlist",
    }),
  })
  .openapi("EnrolmentMandate");

const mandateRoute = guardedRoute({
  method: "put",
  path: "/v1/enrolments/{id}/mandate",
  summary: "Set or correct a programme participant's mandate; compliance is re-evaluated at once",
  roles: ["programme_staff"],
  request: { params: IdParam, body: jsonBody(Mandate) },
  responses: {
    200: jsonResponse(MandateView, "The enrolment with its mandate, and its compliance now"),
    409: documentedProblem("The enrolment has ended"),
  },
});

/** The stored answer names no one (see EnrolmentCreated). */
function presentEnrolled({ enrolment, position }: Enrolled) {
  const { displayName: _kept, ...created } = toView(enrolment, position);
  return created;
}

const presentEnded = ({ enrolment }: EndedEnrolment) => toView(enrolment, null);

export function enrolmentRoutes(deps: AppDeps) {
  const { app, context, reply } = routeModule(deps);
  return app
    .openapi(enrolRoute, (c) =>
      reply(c, { status: 201, present: presentEnrolled }, (ctx) =>
        enrolByStaff(ctx, { groupId: c.req.valid("param").id, request: c.req.valid("json") }),
      ),
    )
    .openapi(listRoute, async (c) => {
      const { id } = c.req.valid("param");
      const page = await listEnrolments(context(c), { groupId: id, ...c.req.valid("query") });
      return c.json(
        presentPage(page, ({ enrolment, position }) => toView(enrolment, position)),
        200,
      );
    })
    .openapi(mandateRoute, async (c) => {
      const { enrolment, compliance, position } = await setMandate(context(c), {
        id: c.req.valid("param").id,
        mandate: c.req.valid("json"),
      });
      return c.json({ enrolment: toView(enrolment, position), compliance }, 200);
    })
    .openapi(endRoute, (c) =>
      reply(c, { status: 200, present: presentEnded }, (ctx) =>
        endEnrolment(ctx, { id: c.req.valid("param").id, outcome: c.req.valid("json") }),
      ),
    );
}
