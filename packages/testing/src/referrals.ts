// A referral as a police zone's records system files it, for every test and bench that files one:
// a victim who consents and an author who does not, both reachable by phone. Overrides replace
// whole fields (`persons` included).
import { bodyBuilder } from "./bodies.js";

export const policeReferral = bodyBuilder({
  policeZone: "5277 Seraing/Neupré",
  incidentReference: "LI.55.L1.012345/26",
  incidentAt: "2026-11-20T22:10:00+01:00",
  kind: "partner",
  riskLevel: "high",
  childrenPresent: true,
  municipality: "Seraing",
  persons: [
    { role: "victim", consent: true, language: "fr", contact: { phone: "+32470000001" } },
    { role: "author", consent: false, language: "fr", contact: { phone: "+32470000002" } },
  ],
});

/**
 * How a person may be reached, as a referral or an enrolment gives it: by `channels` only, at any
 * time, no voicemail, discreetly. Overrides replace whole fields.
 */
export function contactPreferences<C extends string>(channels: C[], overrides: Record<string, unknown> = {}) {
  return {
    channels,
    safeWindows: [],
    voicemailAllowed: false,
    discreet: true,
    doNotContact: false,
    ...overrides,
  };
}

/**
 * Every field of the status the filing police zone may read (DESIGN.md: minimal feedback), in
 * sorted order: a test that finds any other field has found a leak.
 */
export const POLICE_STATUS_FIELDS = [
  "firstContactAt",
  "id",
  "incidentReference",
  "persons",
  "status",
  "updatedAt",
];
