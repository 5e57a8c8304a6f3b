// AN EXAMPLE criticality grid, loaded as version 1 for organisations that have none (like the
// routing seed, README "Criticality grid"). It shows the shape of a grid: it is not a validated risk
// assessment tool, and its questions and weights are illustrative. Each project publishes its own
// (`POST /v1/criticality-grids`), which becomes the current version; this one stays readable.
import type { GridDefinition } from "../domain/criticality.js";

const yesNoUnknown = (yes: number, unknown: number) => [
  { id: "yes", label: { fr: "Oui", nl: "Ja", en: "Yes" }, weight: yes },
  { id: "no", label: { fr: "Non", nl: "Nee", en: "No" }, weight: 0 },
  { id: "unknown", label: { fr: "Ne sait pas", nl: "Weet niet", en: "Don't know" }, weight: unknown },
];

export const EXAMPLE_GRID: GridDefinition = {
  title: "EXAMPLE grid – replace with your project's own (exemple / voorbeeld)",
  description:
    "Illustrative only: not a validated risk assessment tool. Publish your project's grid to replace it.",
  questions: [
    {
      id: "threats_to_kill",
      text: {
        fr: "Y a-t-il eu des menaces de mort ?",
        nl: "Werd er met de dood bedreigd?",
        en: "Have there been threats to kill?",
      },
      required: true,
      options: yesNoUnknown(4, 2),
    },
    {
      id: "strangulation",
      text: {
        fr: "Y a-t-il eu une tentative d'étranglement ou d'étouffement ?",
        nl: "Was er een poging tot wurging of verstikking?",
        en: "Has there been an attempt at strangling or choking?",
      },
      required: true,
      options: yesNoUnknown(5, 2),
    },
    {
      id: "weapon",
      text: {
        fr: "L'auteur a-t-il accès à une arme ?",
        nl: "Heeft de pleger toegang tot een wapen?",
        en: "Does the author have access to a weapon?",
      },
      required: true,
      options: yesNoUnknown(3, 1),
    },
    {
      id: "escalation",
      text: {
        fr: "Les violences sont-elles plus fréquentes ou plus graves ces derniers temps ?",
        nl: "Is het geweld de laatste tijd frequenter of ernstiger?",
        en: "Has the violence become more frequent or more severe lately?",
      },
      required: true,
      options: yesNoUnknown(3, 1),
    },
    {
      id: "separation",
      text: {
        fr: "Une séparation est-elle récente ou en cours ?",
        nl: "Is er een recente of lopende scheiding?",
        en: "Is a separation recent or under way?",
      },
      required: true,
      options: yesNoUnknown(2, 1),
    },
    {
      id: "children_exposed",
      text: {
        fr: "Des enfants sont-ils exposés aux violences ?",
        nl: "Zijn er kinderen blootgesteld aan het geweld?",
        en: "Are children exposed to the violence?",
      },
      required: true,
      options: yesNoUnknown(2, 1),
    },
    {
      id: "victim_fear",
      text: {
        fr: "Comment la personne évalue-t-elle sa propre sécurité ?",
        nl: "Hoe schat de persoon de eigen veiligheid in?",
        en: "How does the person rate their own safety?",
      },
      required: false,
      options: [
        { id: "safe", label: { fr: "En sécurité", nl: "Veilig", en: "Safe" }, weight: 0 },
        { id: "worried", label: { fr: "Inquiète", nl: "Ongerust", en: "Worried" }, weight: 1 },
        {
          id: "afraid",
          label: { fr: "A peur pour sa vie", nl: "Vreest voor het leven", en: "Fears for their life" },
          weight: 4,
        },
      ],
    },
  ],
  thresholds: { medium: 5, high: 12 },
};
