// What a coordinator sends to schedule, change and fill in a conference.
import { z } from "@hono/zod-openapi";
import {
  DEFAULT_TIME_ZONE,
  InviteeRole,
  Language,
  namedPattern,
  RiskLevel,
  refusal,
  TimeZone,
} from "@relais/contracts";

export const ConferenceSchedule = z
  .object({
    timeZone: TimeZone.default(DEFAULT_TIME_ZONE),
    dtstart: z
      .string()
      .max(25)
      .openapi({ description: "Local start of the (first) meeting", example: "2026-03-10T14:00" }),
    rrule: z.string().min(1).max(500).optional().openapi({
      description: "RFC 5545 RRULE with COUNT or UNTIL for a recurring conference; absent for a one-off",
      example: "FREQ=MONTHLY;BYDAY=2TU;COUNT=10",
    }),
    durationMinutes: z.number().int().min(15).max(480),
  })
  .openapi("ConferenceSchedule");
export type ConferenceSchedule = z.infer<typeof ConferenceSchedule>;

export const InviteeInput = z
  .object({
    /** Present when an existing invitee is kept in a changed list. */
    id: z.string().min(1).max(64).optional(),
    organisation: z.string().trim().min(1).max(100).openapi({
      description: "The invited organisation's id (its tokens' `org`)",
      example: "org-parquet-liege",
    }),
    organisationName: z.string().trim().min(1).max(200).openapi({ example: "Parquet de Liège" }),
    role: InviteeRole,
    zone: z
      .string()
      .trim()
      .min(1)
      .max(50)
      .optional()
      .openapi({ description: "The police zone, for a police invitee (required then)" }),
    email: z.email().max(254).openapi({ description: "An organisational address, never a personal one" }),
    language: Language.default("fr"),
  })
  .refine(
    (invitee) => invitee.role !== "police" || Boolean(invitee.zone),
    refusal("police_zone_required", "A police invitee needs its zone", ["zone"]),
  )
  .openapi("InviteeInput");
export type InviteeInput = z.infer<typeof InviteeInput>;

const Invitees = z.array(InviteeInput).min(1).max(30);

export const ConferenceInput = z
  .object({
    title: z.string().trim().min(1).max(200).openapi({ example: "Concertation zone Seraing–Neupré" }),
    policeZone: z.string().trim().min(1).max(50),
    municipality: z.string().trim().min(1).max(100),
    location: z.string().trim().min(1).max(300).optional(),
    schedule: ConferenceSchedule,
    invitees: Invitees,
  })
  .openapi("ConferenceInput");
export type ConferenceInput = z.infer<typeof ConferenceInput>;

export const ConferencePatch = z
  .object({
    title: z.string().trim().min(1).max(200).optional(),
    location: z.string().trim().min(1).max(300).nullable().optional(),
    schedule: ConferenceSchedule.optional(),
    invitees: Invitees.optional().openapi({
      description: "The whole list: kept invitees carry their id, new ones none, absent ones are uninvited",
    }),
  })
  .openapi("ConferencePatch");
export type ConferencePatch = z.infer<typeof ConferencePatch>;

const Audience = z.array(z.string().min(1).max(64)).max(30);

export const ItemInput = z
  .object({
    referralId: z.string().trim().min(1).max(64),
    summary: z
      .string()
      .trim()
      .min(1)
      .max(2_000)
      .openapi({ description: "A minimal summary written for the conference, not the case notes" }),
    question: z.string().trim().min(1).max(1_000),
    riskLevel: RiskLevel.optional().openapi({ description: "Defaults to the referral's" }),
    confidential: z.boolean().default(false),
    audience: Audience.default([]).openapi({ description: "Invitee ids who see a confidential item" }),
  })
  .refine(
    (item) => !item.confidential || item.audience.length > 0,
    refusal("audience_required", "A confidential item needs at least one invitee", ["audience"]),
  )
  .openapi("AgendaItemInput");
export type ItemInput = z.infer<typeof ItemInput>;

export const ItemPatch = z
  .object({
    summary: z.string().trim().min(1).max(2_000).optional(),
    question: z.string().trim().min(1).max(1_000).optional(),
    riskLevel: RiskLevel.optional(),
    confidential: z.boolean().optional(),
    audience: Audience.optional(),
    position: z.number().int().min(1).max(200).optional(),
  })
  .openapi("AgendaItemPatch");
export type ItemPatch = z.infer<typeof ItemPatch>;

export const LocalDate = z
  .string()
  .regex(namedPattern(/^\d{4}-\d{2}-\d{2}$/, "invalid_date"), "Expected a date like 2026-03-20")
  .openapi({ example: "2026-03-20" });

export const ActionInput = z
  .object({
    ownerInviteeId: z.string().min(1).max(64),
    description: z.string().trim().min(1).max(1_000),
    dueDate: LocalDate,
  })
  .openapi("ActionInput");
export type ActionInput = z.infer<typeof ActionInput>;

export const DecisionInput = z
  .object({
    text: z.string().trim().min(1).max(2_000),
    actions: z.array(ActionInput).max(20).default([]),
  })
  .openapi("DecisionInput");
export type DecisionInput = z.infer<typeof DecisionInput>;

export const ActionStatus = z.enum(["open", "done", "cancelled"]);
export type ActionStatus = z.infer<typeof ActionStatus>;

export const ActionPatch = z.object({ status: ActionStatus }).openapi("ActionPatch");
