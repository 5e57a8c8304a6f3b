// A referral from the Seraing–Neupré zone: a victim reachable on weekday mornings only, and an
// author who may be called at any time.
import { policeReferral } from "@relais/testing";

export const victimName = "Amélie Testeuse";
export const victimPhone = "+32470111111";
export const authorPhone = "+32470222222";

export function seraingReferral(overrides: Record<string, unknown> = {}) {
  return policeReferral({
    incidentReference: "LI.55.L1.000777/26",
    incidentAt: "2026-11-20T21:30:00+01:00",
    persons: [
      {
        role: "victim",
        displayName: victimName,
        consent: true,
        language: "fr",
        contact: { phone: victimPhone },
        preferences: {
          channels: ["phone"],
          safeWindows: [{ days: [1, 2, 3, 4, 5], from: "09:00", to: "12:00" }],
          voicemailAllowed: false,
        },
      },
      {
        role: "author",
        displayName: "Bernard Testeur",
        consent: true,
        language: "fr",
        contact: { phone: authorPhone },
        preferences: { channels: ["phone", "sms"], voicemailAllowed: true },
      },
    ],
    ...overrides,
  });
}
