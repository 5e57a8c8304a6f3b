// Response schemas and the mappings from records to them. A partner's view leaves out what only
// the organiser may see: e-mail addresses, the referral id, confidential items' audiences.
import { z } from "@hono/zod-openapi";
import { InviteeRole, Language, RiskLevel } from "@relais/contracts";
import { DateTime } from "luxon";
import type { ConferenceSummary } from "../actions/list-conferences.js";
import type { ConferenceRead } from "../actions/read-conference.js";
import type { ActionRecord, ConferenceRow, InviteeRow, ItemRecord } from "../db/store.js";
import type { Viewer } from "../domain/access.js";
import { ActionStatus } from "../domain/input.js";
import { planMeetings } from "../domain/schedule.js";

export const IdParam = z.object({ id: z.string().min(1).max(64) });
export const ItemParams = z.object({ id: z.string().min(1).max(64), itemId: z.string().min(1).max(64) });

const zoned = (utc: string, zone: string) =>
  DateTime.fromISO(utc, { zone }).toISO({ suppressMilliseconds: true })!;

export const ActionView = z
  .object({
    id: z.string(),
    decisionId: z.string(),
    itemId: z.string(),
    conferenceId: z.string(),
    ownerInviteeId: z.string(),
    description: z.string(),
    dueDate: z.string(),
    status: ActionStatus,
    overdue: z.boolean(),
  })
  .openapi("ConferenceAction");

export const DecisionView = z
  .object({ id: z.string(), text: z.string(), createdAt: z.string(), actions: z.array(ActionView) })
  .openapi("ConferenceDecision");

export const ItemView = z
  .object({
    id: z.string(),
    position: z.number().int(),
    referralId: z.string().optional().openapi({ description: "The organiser's only" }),
    summary: z.string(),
    question: z.string(),
    riskLevel: RiskLevel,
    confidential: z.boolean(),
    audience: z.array(z.string()).optional().openapi({ description: "The organiser's only" }),
    decisions: z.array(DecisionView),
  })
  .openapi("AgendaItem");

export const InviteeView = z
  .object({
    id: z.string(),
    organisation: z.string(),
    organisationName: z.string(),
    role: InviteeRole,
    zone: z.string().nullable(),
    language: Language,
    email: z.string().optional().openapi({ description: "The organiser's only" }),
    you: z.boolean().openapi({ description: "This invitee is the caller" }),
  })
  .openapi("Invitee");

const ScheduleView = z.object({
  timeZone: z.string(),
  dtstart: z.string(),
  rrule: z.string().nullable(),
  durationMinutes: z.number().int(),
});

export const ConferenceSummaryView = z
  .object({
    id: z.string(),
    title: z.string(),
    policeZone: z.string(),
    municipality: z.string(),
    status: z.enum(["scheduled", "cancelled"]),
    recurring: z.boolean(),
    timeZone: z.string(),
    firstStartsAt: z.string(),
    nextStartsAt: z.string().nullable(),
    itemCount: z.number().int(),
    viewer: z.enum(["organiser", "invitee"]),
  })
  .openapi("ConferenceSummary");

export const ConferenceView = ConferenceSummaryView.extend({
  location: z.string().nullable(),
  schedule: ScheduleView,
  sequence: z.number().int(),
  meetings: z.array(z.string()).openapi({ description: "Every meeting's start, with its offset" }),
  invitees: z.array(InviteeView),
  items: z.array(ItemView),
}).openapi("Conference");

export function toActionView(action: ActionRecord, now: Date): z.infer<typeof ActionView> {
  return {
    id: action.id,
    decisionId: action.decisionId,
    itemId: action.itemId,
    conferenceId: action.conferenceId,
    ownerInviteeId: action.ownerInviteeId,
    description: action.description,
    dueDate: action.dueDate,
    status: action.status,
    overdue: action.status === "open" && action.overdueAt <= now.toISOString(),
  };
}

export function toItemView(item: ItemRecord, viewer: Viewer, now: Date): z.infer<typeof ItemView> {
  const organiser = viewer.kind === "organiser";
  return {
    id: item.id,
    position: item.position,
    ...(organiser ? { referralId: item.referralId, audience: item.audience } : {}),
    summary: item.summary,
    question: item.question,
    riskLevel: item.riskLevel,
    confidential: item.confidential,
    decisions: item.decisions.map((d) => ({
      id: d.id,
      text: d.text,
      createdAt: d.createdAt,
      actions: d.actions.map((a) => toActionView(a, now)),
    })),
  };
}

export function meetingsOf(conference: ConferenceRow): string[] {
  return planMeetings({
    timeZone: conference.timeZone,
    dtstart: conference.dtstart,
    rrule: conference.rrule ?? undefined,
    durationMinutes: conference.durationMinutes,
  }).startsAt;
}

function summaryOf(conference: ConferenceRow, viewer: Viewer, itemCount: number, now: Date) {
  const next = meetingsOf(conference).find((s) => s >= now.toISOString()) ?? null;
  return {
    id: conference.id,
    title: conference.title,
    policeZone: conference.policeZone,
    municipality: conference.municipality,
    status: conference.status,
    recurring: conference.rrule !== null,
    timeZone: conference.timeZone,
    firstStartsAt: zoned(conference.firstStartsAt, conference.timeZone),
    nextStartsAt: next && conference.status === "scheduled" ? zoned(next, conference.timeZone) : null,
    itemCount,
    viewer: viewer.kind,
  };
}

export function toSummaryView(summary: ConferenceSummary, now: Date) {
  return summaryOf(summary.conference, summary.viewer, summary.itemCount, now);
}

export function toInviteeView(
  invitee: InviteeRow,
  viewer: Viewer,
  openEmail: ((sealed: string) => string) | null,
): z.infer<typeof InviteeView> {
  return {
    id: invitee.id,
    organisation: invitee.organisation,
    organisationName: invitee.organisationName,
    role: invitee.role,
    zone: invitee.zone,
    language: invitee.language,
    ...(viewer.kind === "organiser" && openEmail ? { email: openEmail(invitee.emailSealed) } : {}),
    you: viewer.kind === "invitee" && viewer.inviteeIds.has(invitee.id),
  };
}

/** `openEmail` null: addresses left out (an answer stored for an Idempotency-Key holds none). */
export function toConferenceView(
  read: ConferenceRead,
  openEmail: ((sealed: string) => string) | null,
  now: Date,
): z.infer<typeof ConferenceView> {
  const { conference, viewer } = read;
  return {
    ...summaryOf(conference, viewer, read.items.length, now),
    location: conference.location,
    schedule: {
      timeZone: conference.timeZone,
      dtstart: conference.dtstart,
      rrule: conference.rrule,
      durationMinutes: conference.durationMinutes,
    },
    sequence: conference.sequence,
    meetings: meetingsOf(conference).map((s) => zoned(s, conference.timeZone)),
    invitees: read.invitees
      .filter((i) => i.status === "invited")
      .map((i) => toInviteeView(i, viewer, openEmail)),
    items: read.items.map((item) => toItemView(item, viewer, now)),
  };
}
