// Calls the app as a given member of staff; every test speaks to the service through this.

import { type Requestable, clientFor as sharedClientFor } from "@relais/testing";

export { type Caller, json, problem } from "@relais/testing";

export const ORG = "org-liege";

/** A caller who names nobody is a coordinator of ORG (sub `<role>-1`). */
export function clientFor(app: Requestable) {
  return sharedClientFor(app, { role: "coordinator", org: ORG });
}

export function groupInput(overrides: Record<string, unknown> = {}) {
  return {
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
    ...overrides,
  };
}
