// Who the story is about and who works it: staff, the two persons, the justice house. All
// invented; the addresses are .example domains.
export const STORY_MUNICIPALITY = "Seraing";
/** The routing seed's teams for Seraing (services/referrals' routing seed). */
export const VICTIM_TEAM = "vif-ment-fini-victims";
export const AUTHOR_TEAM = "vif-ment-fini-authors";
export const POLICE_ZONE = "5277";
export const ZONE = "Europe/Brussels";

export const PEOPLE = {
  police: { sub: "zp5277-insp-dethier", name: "Inspector Julie Dethier" },
  victimWorker: { sub: "vif-amelie-renard", name: "Amélie Renard" },
  authorWorker: { sub: "vif-jeroen-maes", name: "Jeroen Maes" },
  facilitator: {
    sub: "fac-nathalie-lejeune",
    name: "Nathalie Lejeune",
    email: "nathalie.lejeune@cpas-seraing.example",
  },
  programme: { sub: "ps-pieter-claes", name: "Pieter Claes", email: "pieter.claes@praxis-liege.example" },
  coFacilitator: {
    sub: "ps-sarah-mertens",
    name: "Sarah Mertens",
    email: "sarah.mertens@praxis-liege.example",
  },
  victim: { name: "Laura Peeters", phone: "+32471284406", email: "laura.peeters@webmail.example" },
  author: { name: "Kevin Dubois", phone: "+32478651932", email: "kevin.dubois@webmail.example" },
  justice: { authority: "Maison de justice de Liège", email: "mj.liege@justice.example" },
  housingStaff: { sub: "hsg-ines-lambert", name: "Inès Lambert" },
};

/** The housing partner's emergency place (invented): its address is a secret like a phone number. */
export const PLACE = { label: "Studio Meuse", address: "Quai de la Goffe 31, 4000 Liège" };
/** The case conference's organiser and the partner organisations it invites (issue 17). */
export const CONFERENCE = {
  coordinator: { sub: "coord-marie-lambert", name: "Marie Lambert" },
  parquet: {
    org: "org-parquet-liege",
    sub: "pq-liege-vincent-haas",
    name: "Parquet de Liège",
    email: "concertation@parquet-liege.example",
  },
  cpas: {
    org: "org-cpas-seraing",
    sub: "cpas-ines-laurent",
    name: "CPAS de Seraing",
    email: "vif@cpas-seraing.example",
  },
  title: "Concertation de cas Seraing–Neupré",
  summary:
    "Mère et deux enfants ; violences répétées ; hébergée temporairement chez un proche. Suivi en cours.",
  question: "Le parquet envisage-t-il une interdiction temporaire de résidence ?",
  decision: "Le parquet examine une interdiction temporaire de résidence.",
  action: "Communiquer la décision sur l'interdiction de résidence",
};

export const VICTIM_GROUP_NAME = "Groupe de parole Renouer";
export const PROGRAMME_NAME = "Programme Déclic";

export const NOTES = {
  firstTry: "Pas de réponse après 8 sonneries ; pas de message (messagerie non autorisée).",
  reached: "Jointe. En sécurité chez sa sœur à Neupré avec les deux enfants. Souhaite un groupe de parole.",
  victimOutcome: "Accepte une place au groupe de parole de Seraing.",
  authorReached: "Joint. Reconnaît les faits en partie ; mandat de la maison de justice pour un programme.",
  authorOutcome: "Accepte le programme sous mandat judiciaire.",
  absent: "Absent, sans justificatif.",
};
