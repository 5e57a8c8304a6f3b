import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { ContactPreferences, PersonRef } from "@relais/contracts";
import {
  type AppEnv,
  bearerSecurity,
  defaultHook,
  jsonResponse,
  NotFound,
  ProblemResponses,
  principalOf,
  recordAudit,
  requireRoles,
} from "@relais/service-kit";
import { and, eq } from "drizzle-orm";
import type { AppDeps } from "../app.js";
import { contacts } from "../db/schema.js";

const Contact = z
  .object({
    personRef: z.string(),
    role: z.string(),
    language: z.enum(["fr", "nl", "en"]),
    timeZone: z.string(),
    displayName: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    preferences: ContactPreferences,
    updatedAt: z.string(),
  })
  .openapi("Contact");

const getRoute = createRoute({
  method: "get",
  path: "/v1/contacts/{personRef}",
  summary: "A person's contact details and safe-contact preferences",
  security: bearerSecurity,
  middleware: [requireRoles("caseworker", "coordinator")] as const,
  request: { params: z.object({ personRef: PersonRef }) },
  responses: { 200: jsonResponse(Contact, "The contact"), ...ProblemResponses },
});

export function contactRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook });
  return app.openapi(getRoute, async (c) => {
    const principal = principalOf(c);
    const { personRef } = c.req.valid("param");
    const [row] = await deps.database.db
      .select()
      .from(contacts)
      .where(and(eq(contacts.personRef, personRef), eq(contacts.orgId, principal.org)))
      .limit(1);
    if (!row) throw new NotFound("No contact for this person");
    await deps.database.write((tx) =>
      recordAudit(tx, {
        principal,
        action: "contact.read",
        recordType: "contact",
        recordId: personRef,
        requestId: c.var.requestId,
      }),
    );
    const details = JSON.parse(deps.box.open(row.sealed)) as {
      email?: string;
      phone?: string;
      displayName?: string;
    };
    return c.json(
      {
        personRef: row.personRef,
        role: row.role,
        language: row.language,
        timeZone: row.timeZone,
        displayName: details.displayName ?? null,
        email: details.email ?? null,
        phone: details.phone ?? null,
        preferences: ContactPreferences.parse(row.preferences),
        updatedAt: row.updatedAt,
      },
      200,
    );
  });
}
