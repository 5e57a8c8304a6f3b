import { z } from "@hono/zod-openapi";
import { Page, SafeWindow } from "@relais/contracts";
import { guardedRoute, jsonBody, jsonResponse, presentPage, routeModule } from "@relais/service-kit";
import { createPartner } from "../actions/create-partner.js";
import { readPartner } from "../actions/read-partner.js";
import { searchPartners } from "../actions/search-partners.js";
import { setPartnerArchived } from "../actions/set-partner-archived.js";
import { updatePartner } from "../actions/update-partner.js";
import type { AppDeps } from "../app.js";
import { type PartnerRow, presentPartner } from "../db/directory.js";
import {
  PartnerCategory,
  PartnerIdParam,
  PartnerInput,
  PartnerLanguage,
  PartnerQuery,
} from "../domain/directory-input.js";

const Partner = z
  .object({
    id: z.string(),
    name: z.string(),
    category: PartnerCategory,
    municipalities: z.array(z.string()),
    languages: z.array(PartnerLanguage),
    openingHours: z.object({ timeZone: z.string(), windows: z.array(SafeWindow) }),
    openNow: z
      .boolean()
      .nullable()
      .openapi({ description: "Open at this moment by its opening hours; null when it has none" }),
    howToRefer: z.string(),
    contact: z
      .object({ email: z.string().nullable(), phone: z.string().nullable(), website: z.string().nullable() })
      .openapi({ description: "The service's switchboard, general mailbox and website: never a person's" }),
    example: z.boolean().openapi({ description: "One of the shipped examples, not a real service" }),
    archivedAt: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("Partner");

/** Who may read the directory: everyone who refers people on; police do not. */
const readers = ["caseworker", "coordinator", "facilitator", "programme_staff"] as const;

const searchRoute = guardedRoute({
  method: "get",
  path: "/v1/directory/partners",
  summary: "Search the local resource directory by municipality, category and language (by name)",
  roles: readers,
  request: { query: PartnerQuery },
  responses: {
    200: jsonResponse(Page(Partner), "A page"),
  },
});

const readRoute = guardedRoute({
  method: "get",
  path: "/v1/directory/partners/{id}",
  summary: "One directory entry (archived ones too: past outcomes name them)",
  roles: readers,
  request: { params: PartnerIdParam },
  responses: { 200: jsonResponse(Partner, "The entry") },
});

const createRouteDef = guardedRoute({
  method: "post",
  path: "/v1/directory/partners",
  summary: "Add a partner service to the directory",
  description:
    "The contact must be the service's own switchboard, general mailbox or website, never a person's: the API cannot tell them apart, so the coordinator answers for it.",
  roles: ["coordinator"],
  idempotent: true,
  request: { body: jsonBody(PartnerInput) },
  responses: { 201: jsonResponse(Partner, "Added") },
});

const updateRoute = guardedRoute({
  method: "put",
  path: "/v1/directory/partners/{id}",
  summary: "Rewrite a directory entry",
  roles: ["coordinator"],
  request: { params: PartnerIdParam, body: jsonBody(PartnerInput) },
  responses: { 200: jsonResponse(Partner, "Saved") },
});

const archiveRoute = guardedRoute({
  method: "post",
  path: "/v1/directory/partners/{id}/archive",
  summary: "Archive an entry: it leaves the search and can no longer be picked for an outcome",
  roles: ["coordinator"],
  request: { params: PartnerIdParam },
  responses: { 200: jsonResponse(Partner, "Archived") },
});

const restoreRoute = guardedRoute({
  method: "post",
  path: "/v1/directory/partners/{id}/restore",
  summary: "Bring an archived entry back",
  roles: ["coordinator"],
  request: { params: PartnerIdParam },
  responses: { 200: jsonResponse(Partner, "Restored") },
});

export function directoryRoutes(deps: AppDeps) {
  const { app, context, reply } = routeModule(deps);
  const show = (row: PartnerRow) => presentPartner(row, deps.clock.now());
  return app
    .openapi(searchRoute, async (c) => {
      const page = await searchPartners(context(c), { query: c.req.valid("query") });
      return c.json(presentPage(page, show), 200);
    })
    .openapi(readRoute, async (c) =>
      c.json(show(await readPartner(context(c), { id: c.req.valid("param").id })), 200),
    )
    .openapi(createRouteDef, (c) =>
      reply(c, { status: 201, present: show }, (ctx) => createPartner(ctx, { input: c.req.valid("json") })),
    )
    .openapi(updateRoute, async (c) => {
      const row = await updatePartner(context(c), {
        id: c.req.valid("param").id,
        input: c.req.valid("json"),
      });
      return c.json(show(row), 200);
    })
    .openapi(archiveRoute, async (c) => {
      const row = await setPartnerArchived(context(c), {
        id: c.req.valid("param").id,
        archived: true,
      });
      return c.json(show(row), 200);
    })
    .openapi(restoreRoute, async (c) => {
      const row = await setPartnerArchived(context(c), {
        id: c.req.valid("param").id,
        archived: false,
      });
      return c.json(show(row), 200);
    });
}
