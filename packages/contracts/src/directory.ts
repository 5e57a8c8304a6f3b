// The resource directory's fixed vocabularies, shared by the referrals service (its schema) and
// the console (its filters and form). Plain lists, no zod: the console's bundle imports this file.

/** The kinds of partner service the Belgian projects refer people to (issue 17). */
export const PARTNER_CATEGORIES = [
  "cpas",
  "caw",
  "family_justice_centre",
  "veilig_huis",
  "justice_house",
  "shelter",
  "legal_aid",
  "mental_health",
  "child_services",
] as const;

/** The languages a partner serves people in (German: the East Cantons). */
export const PARTNER_LANGUAGES = ["fr", "nl", "en", "de"] as const;
