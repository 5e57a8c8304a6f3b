import { Page, PageQuery } from "@relais/contracts";
import {
  guardedRoute,
  jsonBody,
  jsonResponse,
  presentPage,
  routeModule,
  type zoneOf,
} from "@relais/service-kit";
import { cancelConference } from "../actions/cancel-conference.js";
import { listConferences } from "../actions/list-conferences.js";
import { readConference } from "../actions/read-conference.js";
import { scheduleConference } from "../actions/schedule-conference.js";
import { updateConference } from "../actions/update-conference.js";
import type { AppDeps } from "../app.js";
import type { ConferenceRow, InviteeRow } from "../db/store.js";
import { ConferenceInput, ConferencePatch } from "../domain/input.js";
import { readerContext } from "./reader.js";
import { ConferenceSummaryView, ConferenceView, IdParam, toConferenceView, toSummaryView } from "./views.js";

const READERS = ["coordinator", "partner", "police"] as const;

const createRouteDef = guardedRoute({
  method: "post",
  path: "/v1/conferences",
  summary: "Schedule a case conference (one-off or recurring) and invite partner representatives",
  roles: ["coordinator"],
  idempotent: true,
  request: { body: jsonBody(ConferenceInput) },
  responses: {
    201: jsonResponse(ConferenceView, "Scheduled; every invitee is sent a calendar invite"),
  },
});

const listRoute = guardedRoute({
  method: "get",
  path: "/v1/conferences",
  summary:
    "Conferences of the caller's organisation (coordinators) or those the caller is invited to (partners, police)",
  roles: READERS,
  request: { query: PageQuery },
  responses: {
    200: jsonResponse(Page(ConferenceSummaryView), "A page"),
  },
});

const readRoute = guardedRoute({
  method: "get",
  path: "/v1/conferences/{id}",
  summary: "One conference: the organiser sees everything, an invitee only the items open to them",
  roles: READERS,
  request: { params: IdParam },
  responses: { 200: jsonResponse(ConferenceView, "The conference") },
});

const patchRoute = guardedRoute({
  method: "patch",
  path: "/v1/conferences/{id}",
  summary: "Change title, place, schedule or invitees; invitees are sent the update (or a cancellation)",
  roles: ["coordinator"],
  request: { params: IdParam, body: jsonBody(ConferencePatch) },
  responses: { 200: jsonResponse(ConferenceView, "The conference as changed") },
});

const cancelRoute = guardedRoute({
  method: "post",
  path: "/v1/conferences/{id}/cancel",
  summary: "Cancel the conference; every invitee is sent a cancellation (METHOD:CANCEL)",
  roles: ["coordinator"],
  request: { params: IdParam },
  responses: { 200: jsonResponse(ConferenceView, "Cancelled") },
});

export function conferenceRoutes(deps: AppDeps) {
  const { app, context, reply } = routeModule(deps);
  const open = (sealed: string) => deps.box.open(sealed);
  // The answer to a POST is stored for its Idempotency-Key: it lists the invitees without their
  // addresses (stored answers hold no contact data); GET shows them to the organiser.
  const present = (created: { conference: ConferenceRow; invitees: InviteeRow[] }) =>
    toConferenceView({ ...created, items: [], viewer: { kind: "organiser" } }, null, deps.clock.now());
  const reread = async (c: Parameters<typeof zoneOf>[0], id: string) =>
    toConferenceView(await readConference(readerContext(c, deps), { id }), open, deps.clock.now());
  return app
    .openapi(createRouteDef, (c) =>
      reply(c, { status: 201, present }, (ctx) => scheduleConference(ctx, c.req.valid("json"))),
    )
    .openapi(listRoute, async (c) => {
      const page = await listConferences(readerContext(c, deps), c.req.valid("query"));
      const now = deps.clock.now();
      return c.json(
        presentPage(page, (s) => toSummaryView(s, now)),
        200,
      );
    })
    .openapi(readRoute, async (c) => c.json(await reread(c, c.req.valid("param").id), 200))
    .openapi(patchRoute, async (c) => {
      const { id } = c.req.valid("param");
      await updateConference(context(c), { id, patch: c.req.valid("json") });
      return c.json(await reread(c, id), 200);
    })
    .openapi(cancelRoute, async (c) => {
      const { id } = c.req.valid("param");
      await cancelConference(context(c), { id });
      return c.json(await reread(c, id), 200);
    });
}
