// The 15 municipal projects selected by the federal call against intra-family violence (FPS Home
// Affairs, 2022), each with its coordinating city and participating municipalities. Every project
// gets a victim team and a separate author team; coordinators change them with PUT /v1/routes.
// Municipalities known under a French and a Dutch name are listed under both.

export interface SeedProject {
  slug: string;
  title: string;
  municipalities: string[];
}

export const SEED_PROJECTS: SeedProject[] = [
  { slug: "maya", title: "Projet Maya", municipalities: ["Bruxelles", "Brussel", "Ixelles", "Elsene"] },
  {
    slug: "rezone-midi",
    title: "RéZone Midi #VIF",
    municipalities: ["Saint-Gilles", "Sint-Gillis", "Forest", "Vorst", "Anderlecht"],
  },
  {
    slug: "rupel",
    title: "Rupel-mycorrhiza – het onzichtbaar versterkend netwerk",
    municipalities: ["Boom", "Hemiksem", "Schelle", "Niel", "Rumst", "Aartselaar"],
  },
  {
    slug: "ouders-onderling",
    title: "Ouders onderling",
    municipalities: [
      "Hasselt",
      "Diepenbeek",
      "Beringen",
      "Ham",
      "Tessenderlo",
      "Heusden-Zolder",
      "Hechtel-Eksel",
      "Peer",
      "Leopoldsburg",
      "Pelt",
      "Hamont-Achel",
      "Maaseik",
      "Dilsen-Stokkem",
      "Lommel",
      "Tongeren",
      "Tongres",
    ],
  },
  {
    slug: "hoe-gaat-het",
    title: "Hoe gaat het met u?",
    municipalities: [
      "Genk",
      "As",
      "Bocholt",
      "Bree",
      "Houthalen-Helchteren",
      "Kinrooi",
      "Oudsbergen",
      "Zutendaal",
    ],
  },
  {
    slug: "ifg-gent",
    title: "Interstedelijk platform IFG referentieregio Gent",
    municipalities: [
      "Gent",
      "Gand",
      "Evergem",
      "Assenede",
      "Nazareth",
      "De Pinte",
      "Gavere",
      "Sint-Martens-Latem",
      "Laarne",
      "Wetteren",
      "Aalter",
      "Maldegem",
      "Eeklo",
      "Kaprijke",
      "Sint-Laureins",
      "Zelzate",
      "Zulte",
    ],
  },
  {
    slug: "trauma-kinderen",
    title: "Trauma bij kinderen na intrafamiliaal geweld",
    municipalities: [
      "Mechelen",
      "Malines",
      "Berlaar",
      "Bonheiden",
      "Bornem",
      "Duffel",
      "Heist-op-den-Berg",
      "Lier",
      "Nijlen",
      "Putte",
      "Puurs-Sint-Amands",
      "Sint-Katelijne-Waver",
      "Willebroek",
    ],
  },
  {
    slug: "kempische-vuist",
    title: "Een Kempische vuist tegen familiaal geweld!",
    municipalities: ["Mol", "Balen", "Dessel", "Retie", "Arendonk", "Ravels"],
  },
  {
    slug: "oostende-brugge",
    title: "Vrijwillige hulpgroep ter preventie van intrafamiliaal geweld",
    municipalities: ["Oostende", "Ostende", "Brugge", "Bruges"],
  },
  {
    slug: "midwest",
    title: "Samen tegen familiaal geweld in de regio MIDWEST",
    municipalities: [
      "Roeselare",
      "Roulers",
      "Ardooie",
      "Hooglede",
      "Ingelmunster",
      "Izegem",
      "Ledegem",
      "Lichtervelde",
      "Meulebeke",
      "Moorslede",
      "Oostrozebeke",
      "Pittem",
      "Ruiselede",
      "Staden",
      "Tielt",
      "Wielsbeke",
      "Wingene",
    ],
  },
  {
    slug: "stopp-vif",
    title: "STOPP VIF (zone de police SECOVA)",
    municipalities: ["Chaudfontaine", "Aywaille", "Esneux", "Sprimont", "Trooz"],
  },
  {
    slug: "liege-herstal",
    title: "Dispositif liégeois interdisciplinaire (violences dans le couple)",
    municipalities: ["Liège", "Luik", "Herstal"],
  },
  { slug: "espace-vif", title: "Espace VIF", municipalities: ["Namur", "Namen", "Andenne"] },
  { slug: "vif-ment-fini", title: "VIF'ment fini !", municipalities: ["Neupré", "Seraing"] },
  {
    slug: "verviers-dison",
    title: "Vers une prise en charge plus accessible",
    municipalities: ["Verviers", "Dison"],
  },
];

export interface SeedRoute {
  municipality: string;
  role: "victim" | "author";
  team: string;
  teamEmail: string;
  project: string;
}

/** Victim and author teams are separate by construction: their notes never mix. */
export function seedRoutes(projects: SeedProject[] = SEED_PROJECTS): SeedRoute[] {
  return projects.flatMap((project) =>
    project.municipalities.flatMap((municipality) =>
      (["victim", "author"] as const).map((role) => ({
        municipality,
        role,
        team: `${project.slug}-${role}s`,
        // `.example` is reserved: coordinators replace these with the teams' real addresses.
        teamEmail: `${project.slug}-${role}s@teams.relais.example`,
        project: project.title,
      })),
    ),
  );
}
