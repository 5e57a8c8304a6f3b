// Every message Relais sends, in fr, nl and en. People marked `discreet` get a neutral sender and
// subject and a body that names no programme, group or subject matter: someone reading over their
// shoulder learns only that an appointment exists. Staff alerts go to professional addresses only.
import type { Language } from "@relais/contracts";

export const PERSON_TEMPLATES = [
  "enrolment_confirmed",
  "enrolment_waitlisted",
  "enrolment_ended",
  "session_changed",
  "session_cancelled",
  "session_reminder",
] as const;
export const STAFF_TEMPLATES = [
  "callback_due",
  "callback_overdue",
  "compliance_breached",
  "session_cancelled_staff",
] as const;
export type PersonTemplate = (typeof PERSON_TEMPLATES)[number];
export type StaffTemplate = (typeof STAFF_TEMPLATES)[number];
export type TemplateName = PersonTemplate | StaffTemplate;
export const TEMPLATE_NAMES: readonly TemplateName[] = [...PERSON_TEMPLATES, ...STAFF_TEMPLATES];

/** Values a template may use; each is optional so a missing one renders as an empty string. */
export interface TemplateParams {
  name?: string;
  groupName?: string;
  when?: string;
  place?: string;
  position?: string;
  reason?: string;
  team?: string;
  risk?: string;
  due?: string;
  reference?: string;
  authority?: string;
  caseReference?: string;
  step?: string;
  absences?: string;
}

export interface RenderedMessage {
  senderName: string;
  subject: string;
  text: string;
  /** The SMS body: short, and as neutral as the e-mail for discreet people. */
  sms: string;
}

type Text = (p: Required<TemplateParams>) => string;
interface Template {
  subject: Text;
  body: Text;
  sms: Text;
}

const SENDER = {
  open: { fr: "Relais", nl: "Relais", en: "Relais" },
  discreet: { fr: "Rendez-vous", nl: "Afspraken", en: "Appointments" },
} as const;

const greet = (word: string, p: Required<TemplateParams>) => (p.name ? `${word} ${p.name}` : word);
const place = (label: string, p: Required<TemplateParams>) => (p.place ? `\n${label}: ${p.place}` : "");

const OPEN: Record<Language, Record<PersonTemplate, Template>> = {
  fr: {
    enrolment_confirmed: {
      subject: (p) => `Inscription confirmée : ${p.groupName}`,
      body: (p) =>
        `${greet("Bonjour", p)},\n\nVotre inscription à « ${p.groupName} » est confirmée. Première séance : ${p.when}.${place("Lieu", p)}\nL'invitation jointe ajoute toutes les séances à votre agenda.`,
      sms: (p) => `Inscription confirmée : ${p.groupName}, première séance ${p.when}.`,
    },
    enrolment_waitlisted: {
      subject: (p) => `Liste d'attente : ${p.groupName}`,
      body: (p) =>
        `${greet("Bonjour", p)},\n\nVous êtes sur la liste d'attente de « ${p.groupName} » (position ${p.position}). Nous vous écrirons dès qu'une place se libère.`,
      sms: (p) => `Liste d'attente ${p.groupName} : position ${p.position}.`,
    },
    enrolment_ended: {
      subject: (p) => `Fin de participation : ${p.groupName}`,
      body: (p) =>
        `${greet("Bonjour", p)},\n\nVotre participation à « ${p.groupName} » a pris fin. Les séances sont retirées de votre agenda.`,
      sms: (p) => `Votre participation à ${p.groupName} a pris fin.`,
    },
    session_changed: {
      subject: (p) => `Séance déplacée : ${p.groupName}`,
      body: (p) =>
        `${greet("Bonjour", p)},\n\nUne séance de « ${p.groupName} » a changé. Nouvelle date : ${p.when}.${place("Lieu", p)}\nVotre agenda est mis à jour par l'invitation jointe.`,
      sms: (p) => `${p.groupName} : séance déplacée au ${p.when}.`,
    },
    session_cancelled: {
      subject: (p) => `Séance annulée : ${p.groupName}`,
      body: (p) => `${greet("Bonjour", p)},\n\nLa séance de « ${p.groupName} » du ${p.when} est annulée.`,
      sms: (p) => `${p.groupName} : la séance du ${p.when} est annulée.`,
    },
    session_reminder: {
      subject: (p) => `Rappel : ${p.groupName}, ${p.when}`,
      body: (p) =>
        `${greet("Bonjour", p)},\n\nRappel : « ${p.groupName} » a lieu le ${p.when}.${place("Lieu", p)}`,
      sms: (p) => `Rappel : ${p.groupName} le ${p.when}.`,
    },
  },
  nl: {
    enrolment_confirmed: {
      subject: (p) => `Inschrijving bevestigd: ${p.groupName}`,
      body: (p) =>
        `${greet("Hallo", p)},\n\nJe inschrijving voor "${p.groupName}" is bevestigd. Eerste sessie: ${p.when}.${place("Plaats", p)}\nMet de bijgevoegde uitnodiging staan alle sessies in je agenda.`,
      sms: (p) => `Inschrijving bevestigd: ${p.groupName}, eerste sessie ${p.when}.`,
    },
    enrolment_waitlisted: {
      subject: (p) => `Wachtlijst: ${p.groupName}`,
      body: (p) =>
        `${greet("Hallo", p)},\n\nJe staat op de wachtlijst voor "${p.groupName}" (plaats ${p.position}). We laten het je weten zodra er plaats vrijkomt.`,
      sms: (p) => `Wachtlijst ${p.groupName}: plaats ${p.position}.`,
    },
    enrolment_ended: {
      subject: (p) => `Deelname beëindigd: ${p.groupName}`,
      body: (p) =>
        `${greet("Hallo", p)},\n\nJe deelname aan "${p.groupName}" is beëindigd. De sessies worden uit je agenda verwijderd.`,
      sms: (p) => `Je deelname aan ${p.groupName} is beëindigd.`,
    },
    session_changed: {
      subject: (p) => `Sessie verplaatst: ${p.groupName}`,
      body: (p) =>
        `${greet("Hallo", p)},\n\nEen sessie van "${p.groupName}" is gewijzigd. Nieuwe datum: ${p.when}.${place("Plaats", p)}\nDe bijgevoegde uitnodiging werkt je agenda bij.`,
      sms: (p) => `${p.groupName}: sessie verplaatst naar ${p.when}.`,
    },
    session_cancelled: {
      subject: (p) => `Sessie geannuleerd: ${p.groupName}`,
      body: (p) => `${greet("Hallo", p)},\n\nDe sessie van "${p.groupName}" op ${p.when} gaat niet door.`,
      sms: (p) => `${p.groupName}: de sessie op ${p.when} gaat niet door.`,
    },
    session_reminder: {
      subject: (p) => `Herinnering: ${p.groupName}, ${p.when}`,
      body: (p) =>
        `${greet("Hallo", p)},\n\nHerinnering: "${p.groupName}" vindt plaats op ${p.when}.${place("Plaats", p)}`,
      sms: (p) => `Herinnering: ${p.groupName} op ${p.when}.`,
    },
  },
  en: {
    enrolment_confirmed: {
      subject: (p) => `Enrolment confirmed: ${p.groupName}`,
      body: (p) =>
        `${greet("Hello", p)},\n\nYour enrolment in "${p.groupName}" is confirmed. First session: ${p.when}.${place("Place", p)}\nThe attached invitation adds every session to your calendar.`,
      sms: (p) => `Enrolment confirmed: ${p.groupName}, first session ${p.when}.`,
    },
    enrolment_waitlisted: {
      subject: (p) => `Waiting list: ${p.groupName}`,
      body: (p) =>
        `${greet("Hello", p)},\n\nYou are on the waiting list for "${p.groupName}" (position ${p.position}). We will write as soon as a place is free.`,
      sms: (p) => `Waiting list ${p.groupName}: position ${p.position}.`,
    },
    enrolment_ended: {
      subject: (p) => `Participation ended: ${p.groupName}`,
      body: (p) =>
        `${greet("Hello", p)},\n\nYour participation in "${p.groupName}" has ended. The sessions are removed from your calendar.`,
      sms: (p) => `Your participation in ${p.groupName} has ended.`,
    },
    session_changed: {
      subject: (p) => `Session moved: ${p.groupName}`,
      body: (p) =>
        `${greet("Hello", p)},\n\nA session of "${p.groupName}" has changed. New time: ${p.when}.${place("Place", p)}\nThe attached invitation updates your calendar.`,
      sms: (p) => `${p.groupName}: session moved to ${p.when}.`,
    },
    session_cancelled: {
      subject: (p) => `Session cancelled: ${p.groupName}`,
      body: (p) => `${greet("Hello", p)},\n\nThe session of "${p.groupName}" on ${p.when} is cancelled.`,
      sms: (p) => `${p.groupName}: the session on ${p.when} is cancelled.`,
    },
    session_reminder: {
      subject: (p) => `Reminder: ${p.groupName}, ${p.when}`,
      body: (p) =>
        `${greet("Hello", p)},\n\nReminder: "${p.groupName}" takes place on ${p.when}.${place("Place", p)}`,
      sms: (p) => `Reminder: ${p.groupName} on ${p.when}.`,
    },
  },
};

// Discreet versions never use groupName: the only facts are a time and, for the enrolled, a place.
const DISCREET: Record<Language, Record<PersonTemplate, Template>> = {
  fr: {
    enrolment_confirmed: {
      subject: () => "Votre rendez-vous",
      body: (p) =>
        `Bonjour,\n\nVotre rendez-vous est confirmé : ${p.when}.${place("Lieu", p)}\nL'invitation jointe l'ajoute à votre agenda.`,
      sms: (p) => `Rendez-vous confirmé : ${p.when}.`,
    },
    enrolment_waitlisted: {
      subject: () => "Votre demande de rendez-vous",
      body: () => "Bonjour,\n\nVotre demande est bien notée. Nous vous recontacterons pour fixer une date.",
      sms: () => "Demande bien notée, nous vous recontacterons.",
    },
    enrolment_ended: {
      subject: () => "Vos rendez-vous",
      body: () => "Bonjour,\n\nVos rendez-vous prévus sont retirés de votre agenda.",
      sms: () => "Vos rendez-vous prévus sont annulés.",
    },
    session_changed: {
      subject: () => "Rendez-vous modifié",
      body: (p) => `Bonjour,\n\nVotre rendez-vous est déplacé : ${p.when}.${place("Lieu", p)}`,
      sms: (p) => `Rendez-vous déplacé : ${p.when}.`,
    },
    session_cancelled: {
      subject: () => "Rendez-vous annulé",
      body: (p) => `Bonjour,\n\nLe rendez-vous du ${p.when} est annulé.`,
      sms: (p) => `Rendez-vous du ${p.when} annulé.`,
    },
    session_reminder: {
      subject: () => "Rappel de rendez-vous",
      body: (p) => `Bonjour,\n\nRappel : rendez-vous le ${p.when}.${place("Lieu", p)}`,
      sms: (p) => `Rappel : rendez-vous le ${p.when}.`,
    },
  },
  nl: {
    enrolment_confirmed: {
      subject: () => "Je afspraak",
      body: (p) =>
        `Hallo,\n\nJe afspraak is bevestigd: ${p.when}.${place("Plaats", p)}\nMet de bijgevoegde uitnodiging staat ze in je agenda.`,
      sms: (p) => `Afspraak bevestigd: ${p.when}.`,
    },
    enrolment_waitlisted: {
      subject: () => "Je aanvraag voor een afspraak",
      body: () => "Hallo,\n\nJe aanvraag is genoteerd. We nemen contact op om een datum vast te leggen.",
      sms: () => "Aanvraag genoteerd, we nemen contact op.",
    },
    enrolment_ended: {
      subject: () => "Je afspraken",
      body: () => "Hallo,\n\nJe geplande afspraken worden uit je agenda verwijderd.",
      sms: () => "Je geplande afspraken zijn geannuleerd.",
    },
    session_changed: {
      subject: () => "Afspraak gewijzigd",
      body: (p) => `Hallo,\n\nJe afspraak is verplaatst: ${p.when}.${place("Plaats", p)}`,
      sms: (p) => `Afspraak verplaatst: ${p.when}.`,
    },
    session_cancelled: {
      subject: () => "Afspraak geannuleerd",
      body: (p) => `Hallo,\n\nDe afspraak op ${p.when} gaat niet door.`,
      sms: (p) => `Afspraak op ${p.when} gaat niet door.`,
    },
    session_reminder: {
      subject: () => "Herinnering aan je afspraak",
      body: (p) => `Hallo,\n\nHerinnering: afspraak op ${p.when}.${place("Plaats", p)}`,
      sms: (p) => `Herinnering: afspraak op ${p.when}.`,
    },
  },
  en: {
    enrolment_confirmed: {
      subject: () => "Your appointment",
      body: (p) =>
        `Hello,\n\nYour appointment is confirmed: ${p.when}.${place("Place", p)}\nThe attached invitation adds it to your calendar.`,
      sms: (p) => `Appointment confirmed: ${p.when}.`,
    },
    enrolment_waitlisted: {
      subject: () => "Your appointment request",
      body: () => "Hello,\n\nYour request is noted. We will be in touch to set a date.",
      sms: () => "Request noted, we will be in touch.",
    },
    enrolment_ended: {
      subject: () => "Your appointments",
      body: () => "Hello,\n\nYour planned appointments are removed from your calendar.",
      sms: () => "Your planned appointments are cancelled.",
    },
    session_changed: {
      subject: () => "Appointment changed",
      body: (p) => `Hello,\n\nYour appointment has moved: ${p.when}.${place("Place", p)}`,
      sms: (p) => `Appointment moved: ${p.when}.`,
    },
    session_cancelled: {
      subject: () => "Appointment cancelled",
      body: (p) => `Hello,\n\nThe appointment on ${p.when} is cancelled.`,
      sms: (p) => `Appointment on ${p.when} cancelled.`,
    },
    session_reminder: {
      subject: () => "Appointment reminder",
      body: (p) => `Hello,\n\nReminder: appointment on ${p.when}.${place("Place", p)}`,
      sms: (p) => `Reminder: appointment on ${p.when}.`,
    },
  },
};

const STAFF: Record<Language, Record<StaffTemplate, Template>> = {
  fr: {
    callback_due: {
      subject: (p) => `Rappel à effectuer (risque ${p.risk}) – équipe ${p.team}`,
      body: (p) => `Un rappel est dû pour le ${p.due}.\nRisque : ${p.risk}\nTâche : ${p.reference}`,
      sms: (p) => `Rappel dû ${p.due} (risque ${p.risk}).`,
    },
    callback_overdue: {
      subject: (p) => `Rappel en retard (risque ${p.risk}) – équipe ${p.team}`,
      body: (p) => `Le rappel prévu le ${p.due} est en retard.\nRisque : ${p.risk}\nTâche : ${p.reference}`,
      sms: (p) => `Rappel en retard depuis ${p.due}.`,
    },
    compliance_breached: {
      subject: (p) => `Programme : manquement (${p.step}) – dossier ${p.caseReference}`,
      body: (p) =>
        `À l'attention de ${p.authority},\n\nDossier ${p.caseReference} : étape « ${p.step} » atteinte après ${p.absences} absence(s) non justifiée(s) au programme ${p.groupName}.`,
      sms: (p) => `Manquement (${p.step}), dossier ${p.caseReference}.`,
    },
    session_cancelled_staff: {
      subject: (p) => `Séance annulée : ${p.groupName}, ${p.when}`,
      body: (p) =>
        `La séance de « ${p.groupName} » du ${p.when} est annulée.${p.reason ? `\nMotif : ${p.reason}` : ""}`,
      sms: (p) => `${p.groupName} : séance du ${p.when} annulée.`,
    },
  },
  nl: {
    callback_due: {
      subject: (p) => `Terugbelafspraak te doen (risico ${p.risk}) – team ${p.team}`,
      body: (p) => `Een terugbelafspraak is gepland voor ${p.due}.\nRisico: ${p.risk}\nTaak: ${p.reference}`,
      sms: (p) => `Terugbellen ${p.due} (risico ${p.risk}).`,
    },
    callback_overdue: {
      subject: (p) => `Terugbelafspraak te laat (risico ${p.risk}) – team ${p.team}`,
      body: (p) => `De terugbelafspraak van ${p.due} is te laat.\nRisico: ${p.risk}\nTaak: ${p.reference}`,
      sms: (p) => `Terugbellen te laat sinds ${p.due}.`,
    },
    compliance_breached: {
      subject: (p) => `Programma: tekortkoming (${p.step}) – dossier ${p.caseReference}`,
      body: (p) =>
        `Ter attentie van ${p.authority},\n\nDossier ${p.caseReference}: stap "${p.step}" bereikt na ${p.absences} ongewettigde afwezigheid/afwezigheden in het programma ${p.groupName}.`,
      sms: (p) => `Tekortkoming (${p.step}), dossier ${p.caseReference}.`,
    },
    session_cancelled_staff: {
      subject: (p) => `Sessie geannuleerd: ${p.groupName}, ${p.when}`,
      body: (p) =>
        `De sessie van "${p.groupName}" op ${p.when} gaat niet door.${p.reason ? `\nReden: ${p.reason}` : ""}`,
      sms: (p) => `${p.groupName}: sessie op ${p.when} geannuleerd.`,
    },
  },
  en: {
    callback_due: {
      subject: (p) => `Call-back due (${p.risk} risk) – team ${p.team}`,
      body: (p) => `A call-back is due at ${p.due}.\nRisk: ${p.risk}\nTask: ${p.reference}`,
      sms: (p) => `Call-back due ${p.due} (${p.risk} risk).`,
    },
    callback_overdue: {
      subject: (p) => `Call-back overdue (${p.risk} risk) – team ${p.team}`,
      body: (p) => `The call-back due at ${p.due} is overdue.\nRisk: ${p.risk}\nTask: ${p.reference}`,
      sms: (p) => `Call-back overdue since ${p.due}.`,
    },
    compliance_breached: {
      subject: (p) => `Programme: compliance breach (${p.step}) – case ${p.caseReference}`,
      body: (p) =>
        `For the attention of ${p.authority},\n\nCase ${p.caseReference}: step "${p.step}" reached after ${p.absences} unexcused absence(s) from the programme ${p.groupName}.`,
      sms: (p) => `Compliance breach (${p.step}), case ${p.caseReference}.`,
    },
    session_cancelled_staff: {
      subject: (p) => `Session cancelled: ${p.groupName}, ${p.when}`,
      body: (p) =>
        `The session of "${p.groupName}" on ${p.when} is cancelled.${p.reason ? `\nReason: ${p.reason}` : ""}`,
      sms: (p) => `${p.groupName}: session on ${p.when} cancelled.`,
    },
  },
};

const EMPTY: Required<TemplateParams> = {
  name: "",
  groupName: "",
  when: "",
  place: "",
  position: "",
  reason: "",
  team: "",
  risk: "",
  due: "",
  reference: "",
  authority: "",
  caseReference: "",
  step: "",
  absences: "",
};

/**
 * Enum values that reach a text (a call-back's risk level, a compliance step) are codes in the
 * events; a staff mail shows them in its own language. An unknown code is shown as it came.
 */
const LABELS: Record<"risk" | "step", Record<Language, Record<string, string>>> = {
  risk: {
    fr: { high: "élevé", medium: "moyen", low: "faible" },
    nl: { high: "hoog", medium: "gemiddeld", low: "laag" },
    en: { high: "high", medium: "medium", low: "low" },
  },
  step: {
    fr: { warning: "avertissement", suspension: "suspension", completion_failed: "programme non achevé" },
    nl: { warning: "waarschuwing", suspension: "schorsing", completion_failed: "programma niet voltooid" },
    en: { warning: "warning", suspension: "suspension", completion_failed: "programme not completed" },
  },
};

/** The label of an enum code in `language`, for the parameters that carry one. */
export function labelOf(kind: "risk" | "step", language: Language, code: string): string {
  return LABELS[kind][language][code] ?? code;
}

export function isStaffTemplate(name: TemplateName): name is StaffTemplate {
  return (STAFF_TEMPLATES as readonly string[]).includes(name);
}

export function renderMessage(input: {
  template: TemplateName;
  language: Language;
  discreet: boolean;
  params: TemplateParams;
}): RenderedMessage {
  const params = { ...EMPTY, ...input.params };
  params.risk = labelOf("risk", input.language, params.risk);
  params.step = labelOf("step", input.language, params.step);
  const staff = isStaffTemplate(input.template);
  const discreet = input.discreet && !staff;
  const template = isStaffTemplate(input.template)
    ? STAFF[input.language][input.template]
    : (discreet ? DISCREET : OPEN)[input.language][input.template];
  return {
    senderName: (discreet ? SENDER.discreet : SENDER.open)[input.language],
    subject: template.subject(params),
    text: template.body(params),
    sms: template.sms(params),
  };
}
