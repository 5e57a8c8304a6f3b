// The directory's example set: one or two entries per category, in municipalities of the routing
// seed, so that a development database can be searched and an outcome can name a partner. Every
// entry is an example, and says so three times: `example: true`, "Exemple —"/"Voorbeeld —" before
// its name and "(exemple)"/"(voorbeeld)" after it. Contacts are example.org mailboxes and
// websites; no phone number (a made-up Belgian number could be someone's). Projects replace this
// set with their own partners through the console or `POST /v1/directory/partners`.
import type { PartnerInput } from "../domain/directory-input.js";

const weekdays = (from: string, to: string) => ({ days: [1, 2, 3, 4, 5], from, to });
const site = (slug: string) => ({ email: `${slug}@example.org`, website: `https://example.org/${slug}` });
const BRUSSELS = "Europe/Brussels";

export const EXAMPLE_PARTNERS: PartnerInput[] = [
  {
    name: "Exemple — CPAS de Seraing (exemple)",
    category: "cpas",
    municipalities: ["Seraing"],
    languages: ["fr"],
    openingHours: { timeZone: BRUSSELS, windows: [weekdays("08:30", "12:00"), weekdays("13:30", "16:00")] },
    howToRefer:
      "Exemple : la personne se présente à l'accueil social ou vous appelez le service social avec son accord ; mentionnez une situation de violence intrafamiliale.",
    contact: site("cpas-seraing"),
    example: true,
  },
  {
    name: "Exemple — Centre d'aide aux victimes de Liège (exemple)",
    category: "caw",
    municipalities: ["Liège", "Seraing", "Herstal"],
    languages: ["fr", "de"],
    openingHours: { timeZone: BRUSSELS, windows: [weekdays("09:00", "17:00")] },
    howToRefer:
      "Exemple : orientation par téléphone ou par e-mail, avec l'accord de la personne ; premier rendez-vous sous une semaine.",
    contact: site("aide-victimes-liege"),
    example: true,
  },
  {
    name: "Voorbeeld — CAW Limburg (voorbeeld)",
    category: "caw",
    municipalities: ["Hasselt", "Genk", "Diepenbeek", "Beringen"],
    languages: ["nl", "en"],
    openingHours: { timeZone: BRUSSELS, windows: [weekdays("09:00", "12:30"), weekdays("13:30", "17:00")] },
    howToRefer:
      "Voorbeeld: aanmelding via het onthaal, telefonisch of per e-mail, met toestemming van de persoon.",
    contact: site("caw-limburg"),
    example: true,
  },
  {
    name: "Voorbeeld — Family Justice Center Limburg (voorbeeld)",
    category: "family_justice_centre",
    municipalities: ["Hasselt", "Genk", "Tongeren", "Tongres"],
    languages: ["nl", "fr", "en"],
    openingHours: { timeZone: BRUSSELS, windows: [weekdays("08:30", "17:00")] },
    howToRefer:
      "Voorbeeld: verwijzing na overleg met de ketenregisseur; bij hoog risico de casus aanmelden voor het multidisciplinair casusoverleg.",
    contact: site("fjc-limburg"),
    example: true,
  },
  {
    name: "Voorbeeld — Veilig Huis Rupelstreek (voorbeeld)",
    category: "veilig_huis",
    municipalities: ["Boom", "Hemiksem", "Schelle", "Niel", "Rumst", "Aartselaar"],
    languages: ["nl"],
    openingHours: { timeZone: BRUSSELS, windows: [weekdays("09:00", "17:00")] },
    howToRefer: "Voorbeeld: advies of melding via het algemene nummer; anoniem advies is mogelijk.",
    contact: site("veilig-huis-rupel"),
    example: true,
  },
  {
    name: "Exemple — Maison de justice de Liège (exemple)",
    category: "justice_house",
    municipalities: ["Liège", "Seraing", "Herstal"],
    languages: ["fr", "de"],
    openingHours: { timeZone: BRUSSELS, windows: [weekdays("08:30", "16:30")] },
    howToRefer:
      "Exemple : accueil des victimes sur rendez-vous ; l'orientation se fait par courrier électronique au secrétariat.",
    contact: site("maison-justice-liege"),
    example: true,
  },
  {
    name: "Exemple — Refuge pour personnes victimes de violences, Bruxelles (exemple)",
    category: "shelter",
    municipalities: ["Bruxelles", "Brussel", "Ixelles", "Elsene", "Saint-Gilles", "Sint-Gillis"],
    languages: ["fr", "nl", "en"],
    // Reachable day and night, every day.
    openingHours: {
      timeZone: BRUSSELS,
      windows: [{ days: [1, 2, 3, 4, 5, 6, 7], from: "00:00", to: "24:00" }],
    },
    howToRefer:
      "Exemple : appel de la personne elle-même ou du professionnel, jour et nuit ; l'adresse n'est jamais communiquée par téléphone à un tiers.",
    contact: site("refuge-bruxelles"),
    example: true,
  },
  {
    name: "Exemple — Bureau d'aide juridique de Liège (exemple)",
    category: "legal_aid",
    municipalities: ["Liège", "Seraing", "Herstal"],
    languages: ["fr"],
    openingHours: { timeZone: BRUSSELS, windows: [{ days: [2, 4], from: "09:00", to: "12:00" }] },
    howToRefer:
      "Exemple : permanences sans rendez-vous ; la personne apporte une preuve de revenus pour l'aide juridique gratuite.",
    contact: site("aide-juridique-liege"),
    example: true,
  },
  {
    name: "Exemple — Service de santé mentale de Seraing (exemple)",
    category: "mental_health",
    municipalities: ["Seraing"],
    languages: ["fr"],
    openingHours: { timeZone: BRUSSELS, windows: [] },
    howToRefer:
      "Exemple : sur rendez-vous, demandé par la personne ; le service rappelle sous quelques jours.",
    contact: site("ssm-seraing"),
    example: true,
  },
  {
    name: "Exemple — Équipe SOS Enfants de Liège (exemple)",
    category: "child_services",
    municipalities: ["Liège", "Seraing", "Herstal"],
    languages: ["fr"],
    openingHours: { timeZone: BRUSSELS, windows: [weekdays("09:00", "17:00")] },
    howToRefer:
      "Exemple : tout professionnel peut solliciter un avis ; signalez la présence d'enfants lors des faits.",
    contact: site("sos-enfants-liege"),
    example: true,
  },
];
