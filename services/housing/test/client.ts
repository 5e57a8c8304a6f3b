// Calls the app as a given member of staff; every test speaks to the service through this.
import { bodyBuilder, type Requestable, clientFor as sharedClientFor } from "@relais/testing";

export { type Caller, json, problem } from "@relais/testing";

export const ORG = "org-liege";
export const OTHER_ORG = "org-namur";

/** A caller who names nobody is housing staff of ORG (sub `<role>-1`). */
export function clientFor(app: Requestable) {
  return sharedClientFor(app, { role: "housing_staff", org: ORG });
}

export const staff = { role: "housing_staff" } as const;
export const worker = { role: "caseworker", teams: ["vif-victims"] } as const;
export const coordinator = { role: "coordinator" } as const;

export const placeInput = bodyBuilder({
  kind: "apartment",
  label: "Studio 2",
  address: "Rue des Tilleuls 14, 4000 Liège",
  capacity: 3,
  windows: [{ startsOn: "2026-01-01", endsOn: "2026-12-31" }],
});

export const requestInput = bodyBuilder({
  personRef: "prs_nadia00001",
  householdSize: 2,
  riskLevel: "medium",
  nights: 14,
});
