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
  teamsOf,
} from "@relais/service-kit";
import { and, eq } from "drizzle-orm";
import type { Context } from "hono";
import type { AppDeps } from "../app.js";
import { type Contact as ContactRecord, loadContact } from "../contacts/contact-book.js";
import { teamsReach } from "../contacts/team-tasks.js";
import { contacts } from "../db/schema.js";

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

const getRoute = createRoute({
  method: "get",
  path: "/v1/contacts/{personRef}",
  summary: "A person's contact details and safe-contact preferences",
  description:
    "Coordinators: any contact of their organisation. Caseworkers: only a person for whom one of " +
    "their teams (`teams` claim) holds an open call-back task, or one closed less than " +
    "CONTACT_ACCESS_DAYS ago. Anyone else gets 404, as for a contact that does not exist.",
  security: bearerSecurity,
  middleware: [requireRoles("caseworker", "coordinator")] as const,
  request: { params: Params },
  responses: { 200: jsonResponse(Contact, "The contact"), ...ProblemResponses },
});

const putPreferencesRoute = createRoute({
  method: "put",
  path: "/v1/contacts/{personRef}/preferences",
  summary: "Replace a person's safe-contact preferences (channels, safe windows, discretion)",
  description: "Same access rule as GET /v1/contacts/{personRef}.",
  security: bearerSecurity,
  middleware: [requireRoles("caseworker", "coordinator")] as const,
  request: { params: Params, body: jsonBody(ContactPreferences.strict()) },
  responses: { 200: jsonResponse(Contact, "The updated contact"), ...ProblemResponses },
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
  const app = new OpenAPIHono<AppEnv>({ defaultHook });
  /**
   * The caller's organisation's contact of the person, if the caller may reach it: a coordinator
   * of the organisation always, a caseworker only through an open or recently closed call-back
   * task of one of their teams (`teams` claim). Anything else is the same 404 as a missing
   * contact, so a reference's existence does not leak.
   */
  const reachable = async (c: Context<AppEnv>, personRef: string) => {
    const principal = principalOf(c);
    const contact = await loadContact(deps.database.db, deps.box, principal.org, personRef);
    const allowed =
      contact !== null &&
      (principal.roles.includes("coordinator") ||
        (await teamsReach(deps.database.db, {
          orgId: principal.org,
          personRef,
          teams: teamsOf(c),
          now: deps.clock.now(),
          accessAfterCloseMs: deps.settings.contactAccessAfterCloseMs,
        })));
    if (!contact || !allowed) throw new NotFound("No contact for this person");
    return contact;
  };
  return app
    .openapi(getRoute, async (c) => {
      const principal = principalOf(c);
      const { personRef } = c.req.valid("param");
      const contact = await reachable(c, personRef);
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
      await reachable(c, personRef);
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
      return c.json(present(await reachable(c, personRef)), 200);
    });
}
