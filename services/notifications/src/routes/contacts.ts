import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { ContactPreferences, PersonRef } from "@relais/contracts";
import {
  type AppEnv,
  bearerSecurity,
  defaultHook,
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
import { type Contact as ContactRecord, loadContact } from "../contacts/contact-book.js";
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

const Params = z.object({ personRef: PersonRef });

const getRoute = createRoute({
  method: "get",
  path: "/v1/contacts/{personRef}",
  summary: "A person's contact details and safe-contact preferences",
  security: bearerSecurity,
  middleware: [requireRoles("caseworker", "coordinator")] as const,
  request: { params: Params },
  responses: { 200: jsonResponse(Contact, "The contact"), ...ProblemResponses },
});

const putPreferencesRoute = createRoute({
  method: "put",
  path: "/v1/contacts/{personRef}/preferences",
  summary: "Replace a person's safe-contact preferences (channels, safe windows, discretion)",
  security: bearerSecurity,
  middleware: [requireRoles("caseworker", "coordinator")] as const,
  request: { params: Params, body: jsonBody(ContactPreferences.strict()) },
  responses: { 200: jsonResponse(Contact, "The updated contact"), ...ProblemResponses },
});

function present(contact: ContactRecord): z.infer<typeof Contact> {
  return {
    personRef: contact.personRef,
    role: contact.role,
    language: contact.language,
    timeZone: contact.timeZone,
    displayName: contact.displayName ?? null,
    email: contact.email ?? null,
    phone: contact.phone ?? null,
    preferences: contact.preferences,
    updatedAt: contact.updatedAt,
  };
}

export function contactRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook });
  const visible = async (org: string, personRef: string) => {
    const contact = await loadContact(deps.database.db, deps.box, personRef);
    if (!contact || contact.orgId !== org) throw new NotFound("No contact for this person");
    return contact;
  };
  return app
    .openapi(getRoute, async (c) => {
      const principal = principalOf(c);
      const { personRef } = c.req.valid("param");
      const contact = await visible(principal.org, personRef);
      await deps.database.write((tx) =>
        recordAudit(tx, {
          principal,
          action: "contact.read",
          recordType: "contact",
          recordId: personRef,
          requestId: c.var.requestId,
        }),
      );
      return c.json(present(contact), 200);
    })
    .openapi(putPreferencesRoute, async (c) => {
      const principal = principalOf(c);
      const { personRef } = c.req.valid("param");
      const preferences = c.req.valid("json");
      await visible(principal.org, personRef);
      const at = deps.clock.now().toISOString();
      await deps.database.write(async (tx) => {
        await tx
          .update(contacts)
          .set({ preferences, updatedAt: at })
          .where(and(eq(contacts.personRef, personRef), eq(contacts.orgId, principal.org)));
        await recordAudit(tx, {
          principal,
          action: "contact.preferences.update",
          recordType: "contact",
          recordId: personRef,
          requestId: c.var.requestId,
        });
      });
      return c.json(present(await visible(principal.org, personRef)), 200);
    });
}
