// Calls the app as a given member of staff; every test speaks to the service through this.

import type { ContactPreferences } from "@relais/contracts";
import { bodyBuilder, type Requestable, clientFor as sharedClientFor } from "@relais/testing";

export { type Caller, json, problem } from "@relais/testing";

export const ORG = "org-liege";

/** A referred person's preferences as police usually file them: by phone, discreet. */
export const discreetByPhone: ContactPreferences = {
  channels: ["phone"],
  safeWindows: [],
  voicemailAllowed: false,
  discreet: true,
  doNotContact: false,
};

/** A caller who names nobody is a coordinator of ORG (sub `<role>-1`). */
export function clientFor(app: Requestable) {
  return sharedClientFor(app, { role: "coordinator", org: ORG });
}

export const groupInput = bodyBuilder({
  kind: "victim_peer",
  publicName: "Atelier du mardi",
  language: "fr",
  municipality: "Seraing",
  location: { kind: "venue", address: "Rue de la Station 12, 4100 Seraing" },
  capacity: 10,
  admission: "rolling",
  facilitators: [{ sub: "facilitator-1", displayName: "Anne", email: "anne@example.org" }],
  schedule: {
    timeZone: "Europe/Brussels",
    dtstart: "2026-02-03T18:00",
    rrule: "FREQ=WEEKLY;BYDAY=TU;UNTIL=20261124T170000Z",
    durationMinutes: 120,
  },
});

/** Staff as the tests call them: a group's facilitator, programme staff, the coordinator. */
export const facilitator = { role: "facilitator", sub: "facilitator-1" } as const;
export const staff = { role: "programme_staff", sub: "staff-1" } as const;
export const coordinator = { role: "coordinator" } as const;

/** Ten Tuesday sessions from groupInput's first one. */
export const tenTuesdays = { ...groupInput().schedule, rrule: "FREQ=WEEKLY;BYDAY=TU;COUNT=10" };

/** A court mandate as programme staff record it for a person in a perpetrator programme. */
export const mandateInput = bodyBuilder({
  authority: "Maison de justice de Liège",
  contactEmail: "assistant.justice@example.org",
  caseReference: "MJ/2026/0042",
  requiredSessions: 6,
  deadline: "2026-12-31",
});
