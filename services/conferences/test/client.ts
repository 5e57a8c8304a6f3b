// Calls the app as a given person (coordinator, partner, police of a zone); every test speaks to
// the service through this.
import { bodyBuilder, type Caller, type Requestable, clientFor as sharedClientFor } from "@relais/testing";

export { type Caller, json, problem } from "@relais/testing";

export const ORG = "org-liege";
export const PARQUET = "org-parquet-liege";
export const CPAS = "org-cpas-seraing";

export const coordinator: Caller = { role: "coordinator", org: ORG, sub: "coord-1" };
export const parquet: Caller = { role: "partner", org: PARQUET, sub: "parquet-rep" };
export const cpas: Caller = { role: "partner", org: CPAS, sub: "cpas-rep" };
export const police: Caller = { role: "police", org: ORG, sub: "officer-1", zone: "5277" };

/** A caller who names nobody is the coordinator. */
export function clientFor(app: Requestable) {
  return sharedClientFor(app, { role: "coordinator", org: ORG, sub: () => "coord-1" });
}

export const conferenceInput = bodyBuilder({
  title: "Concertation Seraing–Neupré",
  policeZone: "5277",
  municipality: "Seraing",
  location: "Salle du conseil, hôtel de police",
  schedule: {
    timeZone: "Europe/Brussels",
    dtstart: "2026-03-10T14:00",
    rrule: "FREQ=MONTHLY;BYDAY=2TU;COUNT=10",
    durationMinutes: 120,
  },
  invitees: [
    {
      organisation: PARQUET,
      organisationName: "Parquet de Liège",
      role: "partner",
      email: "concertation@parquet.example",
      language: "fr",
    },
    {
      organisation: CPAS,
      organisationName: "CPAS de Seraing",
      role: "partner",
      email: "vif@cpas-seraing.example",
      language: "nl",
    },
    {
      organisation: ORG,
      organisationName: "Zone de police Seraing-Neupré",
      role: "police",
      zone: "5277",
      email: "cellule.vif@pz5277.example",
      language: "fr",
    },
  ],
});
