// Requests for a place and the stays they become. Call-back workers and coordinators ask and
// follow up; housing staff confirm, decline, extend and end. Nobody here is shown an address.
import { z } from "@hono/zod-openapi";
import { Language, LocalDate, Page, PageQuery, PersonRef, RiskLevel, StayExit } from "@relais/contracts";
import {
  type AppEnv,
  guardedRoute,
  jsonBody,
  jsonResponse,
  presentPage,
  routeModule,
  teamsOf,
} from "@relais/service-kit";
import type { Context } from "hono";
import { confirmPlacement } from "../actions/confirm-placement.js";
import type { TeamsContext } from "../actions/context.js";
import { declinePlacement } from "../actions/decline-placement.js";
import { endStay } from "../actions/end-stay.js";
import { extendStay } from "../actions/extend-stay.js";
import { listPlacements } from "../actions/list-placements.js";
import { readPlacement } from "../actions/read-placement.js";
import { recordFollowUp } from "../actions/record-follow-up.js";
import { requestPlacement } from "../actions/request-placement.js";
import { type ShownPlacement, showPlacement } from "../actions/show-placements.js";
import type { AppDeps } from "../app.js";
import type { PlacementRow } from "../db/placement-store.js";
import { FollowUpOutcome } from "../domain/follow-up.js";
import { IdParam, PlacementStatus, PlacementView, toPlacementView } from "./views.js";

const REQUESTERS = ["caseworker", "coordinator"] as const;
const READERS = ["caseworker", "coordinator", "housing_staff"] as const;
const HOUSING = ["housing_staff"] as const;

const PlacementRequest = z.object({
  personRef: PersonRef,
  referralId: z.string().min(1).max(100).optional(),
  taskId: z.string().min(1).max(100).optional(),
  team: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .openapi({ description: "The asking call-back team; required when the caller is in several" }),
  householdSize: z.number().int().min(1).max(20),
  // `high`: confirmed at once when a place is free.
  riskLevel: RiskLevel,
  nights: z.number().int().min(1).max(365),
  language: Language.optional(),
});

const ListQuery = PageQuery.extend({
  status: z
    .string()
    .max(100)
    .optional()
    .transform((v) => (v ? v.split(",") : undefined))
    .pipe(z.array(PlacementStatus).optional())
    .openapi({ type: "string", description: "Comma-separated statuses" }),
  followUp: z
    .enum(["pending"])
    .optional()
    .openapi({ description: "`pending`: ended stays whose follow-up is not recorded" }),
});

const PlacementPage = Page(PlacementView);

function verbRoute<B extends z.ZodType>(
  path: string,
  summary: string,
  roles: readonly ("caseworker" | "coordinator" | "housing_staff")[],
  body: B,
) {
  return guardedRoute({
    method: "post",
    path,
    summary,
    roles: roles,
    request: { params: IdParam, body: jsonBody(body) },
    responses: { 200: jsonResponse(PlacementView, "The placement as changed") },
  });
}

const requestRoute = guardedRoute({
  method: "post",
  path: "/v1/placements",
  summary: "Ask for an emergency place for a person; high risk is confirmed at once when a place is free",
  description:
    "A caseworker asks only for a person the asking team follows: an open call-back task of that team, " +
    "or one closed less than REQUEST_ACCESS_DAYS ago; otherwise `409 person_not_followed` (the same " +
    "answer whether or not another team follows the person). A coordinator asks for anyone of the " +
    "organisation. `409 placement_open`: the person already has a request or stay the caller may see.",
  roles: REQUESTERS,
  idempotent: true,
  request: { body: jsonBody(PlacementRequest) },
  responses: {
    201: jsonResponse(PlacementView, "Requested: `status` says whether a place is allocated, never where"),
  },
});

const listRoute = guardedRoute({
  method: "get",
  path: "/v1/placements",
  summary:
    "Placements the caller may see: a call-back worker their teams', coordinators and housing staff all",
  roles: READERS,
  request: { query: ListQuery },
  responses: { 200: jsonResponse(PlacementPage, "A page") },
});

const readRoute = guardedRoute({
  method: "get",
  path: "/v1/placements/{id}",
  summary: "One placement (audited)",
  roles: READERS,
  request: { params: IdParam },
  responses: { 200: jsonResponse(PlacementView, "The placement") },
});

const confirmRoute = verbRoute(
  "/v1/placements/{id}/confirm",
  "Confirm a request on its held place, another (`placeId`) or the first free one; the person is then told the address",
  HOUSING,
  z.object({ placeId: z.string().min(1).max(100).optional() }),
);
const declineRoute = verbRoute(
  "/v1/placements/{id}/decline",
  "Turn a request down; a held place is freed",
  HOUSING,
  z.object({ reason: z.string().trim().min(1).max(300) }),
);
const extendRoute = verbRoute(
  "/v1/placements/{id}/extend",
  "Extend a current stay to a later planned end",
  HOUSING,
  z.object({ plannedEndDate: LocalDate }),
);
const exitRoute = verbRoute(
  "/v1/placements/{id}/exit",
  "End a stay: where the person went; the follow-up falls due FOLLOW_UP_DAYS later",
  HOUSING,
  z.object({ exit: StayExit, endDate: LocalDate.optional() }),
);
const followUpRoute = verbRoute(
  "/v1/placements/{id}/follow-up",
  "Record what became of the person after the stay (the requesting team or a coordinator)",
  REQUESTERS,
  z.object({ outcome: FollowUpOutcome }),
);

const present = ({ row, place, asStaff }: ShownPlacement) => toPlacementView(row, place, asStaff);

export function placementRoutes(deps: AppDeps) {
  const { app, context, reply } = routeModule(deps);
  /** A call-back worker's verb context: the teams of their token. */
  const teamsContext = (c: Context<AppEnv>): TeamsContext => ({ ...context(c), teams: teamsOf(c) });
  /** A change answered with the placement as the caller sees it. */
  const changed = async (c: Context<AppEnv>, row: PlacementRow) =>
    c.json(present(await showPlacement(context(c), row)), 200);
  return app
    .openapi(requestRoute, (c) =>
      // The requester's view: the stored answer is replayed only to the same team (its scope).
      reply(c, { status: 201, present: (row: PlacementRow) => toPlacementView(row, null, false) }, (ctx) =>
        requestPlacement({ ...ctx, teams: teamsOf(c) }, c.req.valid("json")),
      ),
    )
    .openapi(listRoute, async (c) => {
      const page = await listPlacements(teamsContext(c), c.req.valid("query"));
      return c.json(presentPage(page, present), 200);
    })
    .openapi(readRoute, async (c) =>
      c.json(present(await readPlacement(teamsContext(c), c.req.valid("param"))), 200),
    )
    .openapi(confirmRoute, async (c) =>
      changed(
        c,
        await confirmPlacement(context(c), {
          id: c.req.valid("param").id,
          input: c.req.valid("json"),
        }),
      ),
    )
    .openapi(declineRoute, async (c) =>
      changed(
        c,
        await declinePlacement(context(c), {
          id: c.req.valid("param").id,
          input: c.req.valid("json"),
        }),
      ),
    )
    .openapi(extendRoute, async (c) =>
      changed(c, await extendStay(context(c), { id: c.req.valid("param").id, input: c.req.valid("json") })),
    )
    .openapi(exitRoute, async (c) =>
      changed(c, await endStay(context(c), { id: c.req.valid("param").id, input: c.req.valid("json") })),
    )
    .openapi(followUpRoute, async (c) =>
      changed(
        c,
        await recordFollowUp(teamsContext(c), {
          id: c.req.valid("param").id,
          input: c.req.valid("json"),
        }),
      ),
    );
}
