import { z } from "@hono/zod-openapi";
import { ContactPreferences, PersonRef } from "@relais/contracts";
import { guardedRoute, jsonBody, jsonResponse, routeModule, teamsOf } from "@relais/service-kit";
import type { AppDeps } from "../actions/context.js";
import { readContact } from "../actions/read-contact.js";
import { updateContactPreferences } from "../actions/update-contact-preferences.js";
import type { Contact as ContactRecord } from "../domain/contact.js";

const Contact = z
  .object({
    personRef: z.string(),
    role: z.string(),
    createdBy: z
      .object({ kind: z.enum(["referral", "enrolment"]), id: z.string() })
      .openapi({ description: "The referral or direct enrolment that created this contact" }),
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

const getRoute = guardedRoute({
  method: "get",
  path: "/v1/contacts/{personRef}",
  summary: "A person's contact details and safe-contact preferences",
  description:
    "Coordinators: any contact of their organisation. Caseworkers: only a person for whom one of " +
    "their teams (`teams` claim) holds an open call-back task, or one closed less than " +
    "CONTACT_ACCESS_DAYS ago. Anyone else gets 404, as for a contact that does not exist.",
  roles: ["caseworker", "coordinator"],
  request: { params: Params },
  responses: { 200: jsonResponse(Contact, "The contact") },
});

const putPreferencesRoute = guardedRoute({
  method: "put",
  path: "/v1/contacts/{personRef}/preferences",
  summary: "Replace a person's safe-contact preferences (channels, safe windows, discretion)",
  description: "Same access rule as GET /v1/contacts/{personRef}.",
  roles: ["caseworker", "coordinator"],
  request: { params: Params, body: jsonBody(ContactPreferences.strict()) },
  responses: { 200: jsonResponse(Contact, "The updated contact") },
});

function present(contact: ContactRecord): z.infer<typeof Contact> {
  return {
    personRef: contact.personRef,
    role: contact.role,
    createdBy: { kind: contact.source, id: contact.sourceId },
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
  const { app, context } = routeModule(deps);
  return app
    .openapi(getRoute, async (c) => {
      const { personRef } = c.req.valid("param");
      const contact = await readContact(context(c), { personRef, teams: teamsOf(c) });
      return c.json(present(contact), 200);
    })
    .openapi(putPreferencesRoute, async (c) => {
      const { personRef } = c.req.valid("param");
      const contact = await updateContactPreferences(context(c), {
        personRef,
        teams: teamsOf(c),
        preferences: c.req.valid("json"),
      });
      return c.json(present(contact), 200);
    });
}
