// Places of the housing partner: only its staff (`housing_staff`) reach any of these routes.
import { z } from "@hono/zod-openapi";
import { PlaceKind, refusal } from "@relais/contracts";
import { type AppEnv, guardedRoute, jsonBody, jsonResponse, routeModule } from "@relais/service-kit";
import type { Context } from "hono";
import { createPlace } from "../actions/create-place.js";
import { listPlaces } from "../actions/list-places.js";
import { readPlace } from "../actions/read-place.js";
import { revealAddress } from "../actions/reveal-address.js";
import { setAvailability } from "../actions/set-availability.js";
import { updatePlace } from "../actions/update-place.js";
import type { AppDeps } from "../app.js";
import { toPlaceView } from "../db/place-store.js";
import { AddressView, IdParam, PlaceView, Window } from "./views.js";

const STAFF = ["housing_staff"] as const;

const PlaceInput = z.object({
  kind: PlaceKind,
  label: z.string().trim().min(1).max(80).openapi({ description: "What staff call it; never the address" }),
  address: z
    .string()
    .trim()
    .min(5)
    .max(300)
    .openapi({ description: "Sealed at rest; shown only by GET …/address" }),
  capacity: z
    .number()
    .int()
    .min(1)
    .max(20)
    .openapi({ description: "Persons it sleeps (one household at a time)" }),
  windows: z.array(Window).max(50).default([]),
});

const createPlaceRoute = guardedRoute({
  method: "post",
  path: "/v1/places",
  summary: "Add an emergency place; its address is sealed at rest and in no answer",
  roles: STAFF,
  idempotent: true,
  request: { body: jsonBody(PlaceInput) },
  responses: { 201: jsonResponse(PlaceView, "Created (without the address)") },
});

const listRoute = guardedRoute({
  method: "get",
  path: "/v1/places",
  summary: "The organisation's places with their availability windows and the stays that hold them",
  roles: STAFF,
  responses: {
    200: jsonResponse(z.object({ items: z.array(PlaceView) }), "The places"),
  },
});

const readRoute = guardedRoute({
  method: "get",
  path: "/v1/places/{id}",
  summary: "One place, without its address",
  roles: STAFF,
  request: { params: IdParam },
  responses: { 200: jsonResponse(PlaceView, "The place") },
});

const PlacePatch = z
  .object({
    label: z.string().trim().min(1).max(80).optional(),
    capacity: z.number().int().min(1).max(20).optional(),
    active: z.boolean().optional(),
  })
  .refine(
    (p) => Object.keys(p).length > 0,
    refusal("change_something", "change at least one of label, capacity, active"),
  );

const updateRoute = guardedRoute({
  method: "patch",
  path: "/v1/places/{id}",
  summary: "Change a place's label, capacity or whether it is in use (never under a stay that holds it)",
  roles: STAFF,
  request: { params: IdParam, body: jsonBody(PlacePatch) },
  responses: { 200: jsonResponse(PlaceView, "The place as changed") },
});

const availabilityRoute = guardedRoute({
  method: "put",
  path: "/v1/places/{id}/availability",
  summary: "Replace a place's availability windows (they must keep covering every stay that holds it)",
  roles: STAFF,
  request: { params: IdParam, body: jsonBody(z.object({ windows: z.array(Window).max(50) })) },
  responses: { 200: jsonResponse(PlaceView, "The place as changed") },
});

const addressRoute = guardedRoute({
  method: "get",
  path: "/v1/places/{id}/address",
  summary: "Show a place's address: housing staff only, and every read is audited",
  roles: STAFF,
  request: { params: IdParam },
  responses: { 200: jsonResponse(AddressView, "The address") },
});

type CreatedPlace = Awaited<ReturnType<typeof createPlace>>;

export function placeRoutes(deps: AppDeps) {
  const { app, context, reply } = routeModule(deps);
  const show = async (c: Context<AppEnv>, id: string) =>
    c.json(toPlaceView(await readPlace(context(c), { id })), 200);
  return app
    .openapi(createPlaceRoute, (c) =>
      reply(c, { status: 201, present: (created: CreatedPlace) => toPlaceView(created) }, (ctx) =>
        createPlace(ctx, c.req.valid("json")),
      ),
    )
    .openapi(listRoute, async (c) => c.json({ items: (await listPlaces(context(c))).map(toPlaceView) }, 200))
    .openapi(readRoute, async (c) => show(c, c.req.valid("param").id))
    .openapi(updateRoute, async (c) => {
      const { id } = c.req.valid("param");
      await updatePlace(context(c), { id, patch: c.req.valid("json") });
      return show(c, id);
    })
    .openapi(availabilityRoute, async (c) => {
      const { id } = c.req.valid("param");
      await setAvailability(context(c), { placeId: id, windows: c.req.valid("json").windows });
      return show(c, id);
    })
    .openapi(addressRoute, async (c) =>
      c.json(await revealAddress(context(c), { placeId: c.req.valid("param").id }), 200),
    );
}
