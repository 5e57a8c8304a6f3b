import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { SafeWindow } from "@relais/contracts";
import {
  type AppEnv,
  bearerSecurity,
  defaultHook,
  IdempotencyKeyHeader,
  idempotency,
  jsonBody,
  jsonResponse,
  ProblemResponses,
  requireRoles,
  verbContext,
} from "@relais/service-kit";
import { createPartner } from "../actions/create-partner.js";
import { readPartner, searchPartners } from "../actions/search-partners.js";
import { setPartnerArchived, updatePartner } from "../actions/update-partner.js";
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

const searchRoute = createRoute({
  method: "get",
  path: "/v1/directory/partners",
  summary: "Search the local resource directory by municipality, category and language (by name)",
  security: bearerSecurity,
  middleware: [requireRoles(...readers)] as const,
  request: { query: PartnerQuery },
  responses: {
    200: jsonResponse(z.object({ items: z.array(Partner), nextCursor: z.string().nullable() }), "A page"),
    ...ProblemResponses,
  },
});

const readRoute = createRoute({
  method: "get",
  path: "/v1/directory/partners/{id}",
  summary: "One directory entry (archived ones too: past outcomes name them)",
  security: bearerSecurity,
  middleware: [requireRoles(...readers)] as const,
  request: { params: PartnerIdParam },
  responses: { 200: jsonResponse(Partner, "The entry"), ...ProblemResponses },
});

const createRouteDef = createRoute({
  method: "post",
  path: "/v1/directory/partners",
  summary: "Add a partner service to the directory",
  description:
    "The contact must be the service's own switchboard, general mailbox or website, never a person's: the API cannot tell them apart, so the coordinator answers for it.",
  security: bearerSecurity,
  middleware: [requireRoles("coordinator"), idempotency()] as const,
  request: { headers: IdempotencyKeyHeader, body: jsonBody(PartnerInput) },
  responses: { 201: jsonResponse(Partner, "Added"), ...ProblemResponses },
});

const updateRoute = createRoute({
  method: "put",
  path: "/v1/directory/partners/{id}",
  summary: "Rewrite a directory entry",
  security: bearerSecurity,
  middleware: [requireRoles("coordinator")] as const,
  request: { params: PartnerIdParam, body: jsonBody(PartnerInput) },
  responses: { 200: jsonResponse(Partner, "Saved"), ...ProblemResponses },
});

const archiveRoute = createRoute({
  method: "post",
  path: "/v1/directory/partners/{id}/archive",
  summary: "Archive an entry: it leaves the search and can no longer be picked for an outcome",
  security: bearerSecurity,
  middleware: [requireRoles("coordinator")] as const,
  request: { params: PartnerIdParam },
  responses: { 200: jsonResponse(Partner, "Archived"), ...ProblemResponses },
});

const restoreRoute = createRoute({
  method: "post",
  path: "/v1/directory/partners/{id}/restore",
  summary: "Bring an archived entry back",
  security: bearerSecurity,
  middleware: [requireRoles("coordinator")] as const,
  request: { params: PartnerIdParam },
  responses: { 200: jsonResponse(Partner, "Restored"), ...ProblemResponses },
});

export function directoryRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook });
  const show = (row: PartnerRow) => presentPartner(row, deps.clock.now());
  return app
    .openapi(searchRoute, async (c) => {
      const page = await searchPartners(verbContext(c, deps), { query: c.req.valid("query") });
      return c.json({ items: page.items.map(show), nextCursor: page.nextCursor }, 200);
    })
    .openapi(readRoute, async (c) =>
      c.json(show(await readPartner(verbContext(c, deps), { id: c.req.valid("param").id })), 200),
    )
    .openapi(createRouteDef, async (c) => {
      // The answer is stored with the entry, so a retried POST replays it and adds nothing.
      const answer = { status: 201, present: show };
      const row = await createPartner(verbContext(c, deps, answer), { input: c.req.valid("json") });
      return c.json(show(row), 201);
    })
    .openapi(updateRoute, async (c) => {
      const row = await updatePartner(verbContext(c, deps), {
        id: c.req.valid("param").id,
        input: c.req.valid("json"),
      });
      return c.json(show(row), 200);
    })
    .openapi(archiveRoute, async (c) => {
      const row = await setPartnerArchived(verbContext(c, deps), {
        id: c.req.valid("param").id,
        archived: true,
      });
      return c.json(show(row), 200);
    })
    .openapi(restoreRoute, async (c) => {
      const row = await setPartnerArchived(verbContext(c, deps), {
        id: c.req.valid("param").id,
        archived: false,
      });
      return c.json(show(row), 200);
    });
}
