import { z } from "zod";
import { namedPattern, refusal } from "./problem.js";

/**
 * The coordinators' queue: tasks of municipalities with no route wait there for a coordinator to
 * dispatch them. It is no team: no route or assignment may name it, and a `teams` claim naming it
 * gives nothing (`teamsOf`), so only the coordinator role reaches those tasks and persons.
 */
export const COORDINATOR_QUEUE = "coordination";

export const Language = z.enum(["fr", "nl", "en"]);
export type Language = z.infer<typeof Language>;

export const Role = z.enum([
  "police",
  "caseworker",
  "facilitator",
  "programme_staff",
  "coordinator",
  "admin",
  // Staff of the housing partner who manage emergency places and see their addresses (issue 17).
  "housing_staff",
  // A partner organisation's representative at case conferences: parquet, justice house, CPAS,
  // Family Justice Centre… (issue 17). Sees only the agenda items it is invited to.
  "partner",
]);
export type Role = z.infer<typeof Role>;
export const ROLES = Role.options;

// Building an Intl.DateTimeFormat to test a zone costs tens of microseconds; zones are few.
const knownZones = new Map<string, boolean>();
let canonicalZones: ReadonlySet<string> | undefined;

function isTimeZone(value: string): boolean {
  const known = knownZones.get(value);
  if (known !== undefined) return known;
  // The runtime's canonical zones first: the first Intl.DateTimeFormat loads ICU's calendar and
  // pattern data, ~6.5 MiB of the node binary's pages that stay resident, while the zone list
  // costs ~0.5 MiB. A service that only checks a zone at start (a seed's, a config's) idles
  // without the rest (bench/README.md, "Reading idle memory"). Aliases (`UTC`, `Europe/Kiev`) and
  // other spellings ICU accepts are not in the list: the formatter still decides those.
  canonicalZones ??= new Set(Intl.supportedValuesOf("timeZone"));
  let valid = canonicalZones.has(value);
  if (!valid) {
    try {
      new Intl.DateTimeFormat("en", { timeZone: value });
      valid = true;
    } catch {
      valid = false;
    }
  }
  // Only valid zones are remembered, so hostile input cannot grow the map without bound.
  if (valid) knownZones.set(value, true);
  return valid;
}

/** An IANA time zone the runtime knows, e.g. `Europe/Brussels`. */
export const TimeZone = z
  .string()
  .min(1)
  .max(64)
  .refine(isTimeZone, refusal("invalid_time_zone", "Unknown IANA time zone"));
export const DEFAULT_TIME_ZONE = "Europe/Brussels";

export const Instant = z.iso.datetime({ offset: true });

/** Opaque reference to a person, shared across services instead of names or contact details. */
export const PersonRef = z
  .string()
  .regex(
    namedPattern(/^prs_[0-9a-zA-Z-]{8,64}$/, "invalid_reference"),
    "Expected a person reference (prs_…)",
  );
export type PersonRef = z.infer<typeof PersonRef>;

export const Channel = z.enum(["email", "sms", "phone"]);
export type Channel = z.infer<typeof Channel>;

/** A recurring weekly window in the person's time zone: `days` are ISO weekdays (1 = Monday). */
export const SafeWindow = z
  .object({
    days: z.array(z.number().int().min(1).max(7)).min(1).max(7),
    from: z.string().regex(namedPattern(/^([01]\d|2[0-3]):[0-5]\d$/, "invalid_time"), "Expected HH:MM"),
    to: z
      .string()
      .regex(
        namedPattern(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, "invalid_time"),
        "Expected HH:MM (24:00 ends the day)",
      ),
  })
  // `to` before `from` is a window past midnight (22:00–02:00); equal, it would have no length.
  .refine(
    (window) => window.from !== window.to,
    refusal("window_empty", "A window needs a length: `to` must differ from `from`", ["to"]),
  );
export type SafeWindow = z.infer<typeof SafeWindow>;

export const ContactPreferences = z.object({
  channels: z.array(Channel).max(3).default(["phone"]),
  safeWindows: z.array(SafeWindow).max(14).default([]),
  voicemailAllowed: z.boolean().default(false),
  discreet: z.boolean().default(true),
  doNotContact: z.boolean().default(false),
});
export type ContactPreferences = z.infer<typeof ContactPreferences>;

export const ContactDetails = z.object({
  email: z.email().max(254).optional(),
  phone: z
    .string()
    .regex(
      namedPattern(/^\+[1-9]\d{6,14}$/, "invalid_phone"),
      "Expected an E.164 phone number, e.g. +32470123456",
    )
    .optional(),
});
export type ContactDetails = z.infer<typeof ContactDetails>;

/**
 * Personal fields of an event (names, contact details), sealed for the one service entitled to
 * open them: JSON, X25519 + HKDF-SHA256 + AES-256-GCM, the event type as associated data
 * (`x1.<key id>.<ephemeral key>.<iv>.<tag>.<ciphertext>`, see `@relais/service-kit`'s
 * recipient-seal). Producers hold only the recipient's public key.
 */
export const Sealed = z
  .string()
  .max(16_384)
  .regex(/^x1\.[0-9a-f]{8}(\.[A-Za-z0-9_-]+){4}$/, "Expected a sealed value (x1.…)");
