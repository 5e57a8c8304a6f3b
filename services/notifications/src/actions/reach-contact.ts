// Who may reach a person's contact: a coordinator of the organisation always, a caseworker only
// through an open or recently closed call-back task of one of their teams (`teams` claim). Anything
// else is the same 404 as a missing contact, so a reference's existence does not leak.
import { NotFound, teamsReach } from "@relais/service-kit";
import { loadContact } from "../db/contacts.js";
import type { Contact } from "../domain/contact.js";
import type { RequestContext } from "./context.js";

export async function reachContact(
  ctx: RequestContext,
  input: { personRef: string; teams: string[] },
): Promise<Contact> {
  const { principal } = ctx;
  const contact = await loadContact(ctx.database.db, ctx.box, principal.org, input.personRef);
  const allowed =
    contact !== null &&
    (principal.roles.includes("coordinator") ||
      (await teamsReach(ctx.database.db, {
        orgId: principal.org,
        personRef: input.personRef,
        teams: input.teams,
        now: ctx.clock.now(),
        accessAfterCloseMs: ctx.settings.contactAccessAfterCloseMs,
      })));
  if (!contact || !allowed) throw new NotFound("No contact for this person");
  return contact;
}
