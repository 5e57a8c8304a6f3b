// Every message Relais sends, in fr, nl and en: ICU messages in `messages/<language>.json`, which
// translators edit, rendered with intl-messageformat (the console's format). People marked
// `discreet` get a neutral sender and subject and a body that names no programme, group or subject
// matter: someone reading over their shoulder learns only that an appointment exists. Staff alerts
// go to professional addresses only. A parameter a message uses but was not given is an error,
// never an empty string.
import type { Language } from "@relais/contracts";
import { IntlMessageFormat } from "intl-messageformat";
import en from "./messages/en.json" with { type: "json" };
import fr from "./messages/fr.json" with { type: "json" };
import nl from "./messages/nl.json" with { type: "json" };

export const PERSON_TEMPLATES = [
  "enrolment_confirmed",
  "enrolment_waitlisted",
  "enrolment_ended",
  "session_changed",
  "session_cancelled",
  "session_reminder",
  // Emergency housing (issue 17): the one message that tells a person where to go, once.
  "housing_placement_confirmed",
] as const;
export const STAFF_TEMPLATES = [
  "callback_due",
  "callback_overdue",
  "callback_escalated",
  "compliance_breached",
  "session_cancelled_staff",
  // Case conferences (issue 17): to partner organisations' professional addresses.
  "conference_invite",
  "conference_cancelled",
  "conference_action_overdue",
] as const;
export type PersonTemplate = (typeof PERSON_TEMPLATES)[number];
export type StaffTemplate = (typeof STAFF_TEMPLATES)[number];
export type TemplateName = PersonTemplate | StaffTemplate;
export const TEMPLATE_NAMES: readonly TemplateName[] = [...PERSON_TEMPLATES, ...STAFF_TEMPLATES];

/** Values a template may use. Each message needs its own; an empty string is a value, undefined is not. */
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
  /** An emergency place's address: only in the housing message, opened from its seal at send time. */
  address?: string;
  /** A case conference's title. */
  conference?: string;
}

export interface RenderedMessage {
  senderName: string;
  subject: string;
  text: string;
  /** The SMS body: short, and as neutral as the e-mail for discreet people. */
  sms: string;
}

/** Every catalogue has the reference's ids and, for each, the same parameters. */
export const REFERENCE_LANGUAGE: Language = "en";
export const CATALOGUES: Record<Language, Readonly<Record<string, string>>> = { fr, nl, en };
/** The locale each language is written in, for messages and the dates in them (Belgian fr and nl). */
export const LOCALES: Record<Language, string> = { fr: "fr-BE", nl: "nl-BE", en: "en-GB" };

const compiled = new Map<string, IntlMessageFormat>();

/** One message of a catalogue; throws for an unknown id or a parameter it uses and was not given. */
export function formatMessage(language: Language, id: string, values: Record<string, string> = {}): string {
  const key = `${language}|${id}`;
  let format = compiled.get(key);
  if (!format) {
    const source = CATALOGUES[language][id];
    if (source === undefined) throw new Error(`no message "${id}" in the ${language} catalogue`);
    format = new IntlMessageFormat(source, LOCALES[language]);
    compiled.set(key, format);
  }
  return String(format.format(values));
}

/** The catalogue id of each text of a template, for this recipient. */
export function messageIds(template: TemplateName, discreet: boolean) {
  const prefix = isStaffTemplate(template) ? template : `${template}.${discreet ? "discreet" : "open"}`;
  return { subject: `${prefix}.subject`, body: `${prefix}.body`, sms: `${prefix}.sms` };
}

/**
 * The label of an enum code in `language`, for the parameters that carry one (a call-back's risk
 * level, a compliance step): a staff mail shows it in its own language. An unknown code is shown
 * as it came.
 */
export function labelOf(kind: "risk" | "step", language: Language, code: string): string {
  const id = `label.${kind}.${code}`;
  return CATALOGUES[language][id] === undefined ? code : formatMessage(language, id);
}

export function isStaffTemplate(name: TemplateName): name is StaffTemplate {
  return (STAFF_TEMPLATES as readonly string[]).includes(name);
}

/** What a discreet person's calendar shows instead of the group's name. */
export function discreetCalendarTitle(language: Language): string {
  return formatMessage(language, "calendar.discreetSummary");
}

/**
 * The values messages are rendered with: the given parameters (undefined ones left out, so a
 * message that needs them fails), codes as labels, and the optional parts — a greeting with or
 * without the name, the place and reason lines — rendered from the catalogue when their parameter
 * was given.
 */
function valuesFor(language: Language, params: TemplateParams): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) if (value !== undefined) values[key] = value;
  if (values.risk !== undefined) values.risk = labelOf("risk", language, values.risk);
  if (values.step !== undefined) values.step = labelOf("step", language, values.step);
  const { name, place, reason } = values;
  if (name !== undefined)
    values.greeting = name
      ? formatMessage(language, "greeting.named", { name })
      : formatMessage(language, "greeting.plain");
  if (place !== undefined)
    values.placeLine = place ? `\n${formatMessage(language, "place.line", { place })}` : "";
  if (reason !== undefined)
    values.reasonLine = reason ? `\n${formatMessage(language, "reason.line", { reason })}` : "";
  return values;
}

export function renderMessage(input: {
  template: TemplateName;
  language: Language;
  discreet: boolean;
  params: TemplateParams;
}): RenderedMessage {
  const { language } = input;
  const discreet = input.discreet && !isStaffTemplate(input.template);
  const ids = messageIds(input.template, discreet);
  const values = valuesFor(language, input.params);
  return {
    senderName: formatMessage(language, discreet ? "sender.discreet" : "sender.open"),
    subject: formatMessage(language, ids.subject, values),
    text: formatMessage(language, ids.body, values),
    sms: formatMessage(language, ids.sms, values),
  };
}
