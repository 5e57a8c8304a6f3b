// The local resource directory ("répertoire des ressources locales"): partner services per
// municipality and category, as coordinators write them and call-back workers search them.
import { z } from "@hono/zod-openapi";
import {
  DEFAULT_TIME_ZONE,
  namedPattern,
  PARTNER_CATEGORIES,
  PARTNER_LANGUAGES,
  PageQuery,
  refusal,
  SafeWindow,
  TimeZone,
} from "@relais/contracts";
import { givesOneOf } from "@relais/service-kit";

export const PartnerCategory = z.enum(PARTNER_CATEGORIES).openapi("PartnerCategory", {
  description:
    "cpas: CPAS / OCMW; caw: CAW / centre d'aide; family_justice_centre; veilig_huis: Veilig Huis; justice_house: maison de justice / justitiehuis; shelter: refuge / vluchthuis; legal_aid; mental_health; child_services",
});
export type PartnerCategory = z.infer<typeof PartnerCategory>;

/** The languages a partner serves people in (German: the East Cantons). */
export const PartnerLanguage = z.enum(PARTNER_LANGUAGES).openapi("PartnerLanguage");
export type PartnerLanguage = z.infer<typeof PartnerLanguage>;

const Municipality = z.string().trim().min(1).max(80);

export const OpeningHours = z
  .object({
    timeZone: TimeZone.default(DEFAULT_TIME_ZONE),
    /** Weekly windows in local time, the same shape (and rule) as safe windows; empty: on appointment. */
    windows: z.array(SafeWindow).max(21).default([]),
  })
  .strict()
  .openapi("OpeningHours");

/**
 * The service's public, organisational contact: its switchboard, general mailbox and website.
 * Never a person's own number or address — the API cannot tell one from the other, so the form
 * says so and the coordinator answers for it (services/referrals README, "Resource directory").
 */
export const PartnerContact = z
  .object({
    email: z.email().max(254).optional(),
    phone: z
      .string()
      .trim()
      .regex(
        namedPattern(/^\+?[0-9][0-9 ./-]{5,24}$/, "invalid_switchboard"),
        "Expected a switchboard number, e.g. +32 4 000 00 00",
      )
      .optional(),
    website: z
      .url({ protocol: /^https?$/ })
      .max(500)
      .optional(),
  })
  .strict()
  .refine(
    givesOneOf("email", "phone", "website"),
    refusal("one_of_required", "Give at least one of email, phone, website"),
  )
  .openapi("PartnerContact");

export const PartnerInput = z
  .object({
    name: z.string().trim().min(1).max(200),
    category: PartnerCategory,
    municipalities: z.array(Municipality).min(1).max(300),
    languages: z.array(PartnerLanguage).min(1).max(4),
    openingHours: OpeningHours.default({ timeZone: DEFAULT_TIME_ZONE, windows: [] }),
    howToRefer: z.string().trim().min(1).max(2_000),
    contact: PartnerContact,
    /** An example entry (the shipped set): shown with an "example" label. */
    example: z.boolean().default(false),
  })
  .strict()
  .openapi("PartnerInput");
export type PartnerInput = z.infer<typeof PartnerInput>;

export const PartnerQuery = PageQuery.extend({
  municipality: Municipality.optional(),
  category: PartnerCategory.optional(),
  language: PartnerLanguage.optional(),
  /** Archived entries are left out unless asked for (the coordinator's edit list). */
  archived: z.enum(["exclude", "include", "only"]).default("exclude"),
});
export type PartnerQuery = z.infer<typeof PartnerQuery>;

export const PartnerIdParam = z.object({ id: z.string().min(1).max(64) });
