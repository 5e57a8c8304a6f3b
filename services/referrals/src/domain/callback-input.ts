// What a call-back worker sends: attempts, outcomes, and the queue's filters; what a coordinator
// sends to announce the tasks again.
import { z } from "@hono/zod-openapi";
import { Channel, GroupKind, Instant, PageQuery, PersonRole, refusal } from "@relais/contracts";
import { givesOneOf } from "@relais/service-kit";
import { ATTEMPT_OUTCOMES } from "./stop-rule.js";

const Note = z.string().trim().min(1).max(4_000);

export const AttemptInput = z
  .object({
    outcome: z.enum(ATTEMPT_OUTCOMES),
    channel: Channel,
    /** When the call was made; now when omitted. */
    at: Instant.optional(),
    note: Note.optional(),
  })
  .strict()
  .openapi("AttemptInput");
export type AttemptInput = z.infer<typeof AttemptInput>;

export const Mandate = z
  .object({
    authority: z.string().trim().min(1).max(200),
    contactEmail: z.email(),
    caseReference: z.string().trim().min(1).max(80),
    requiredSessions: z.number().int().positive().max(200),
    deadline: z.iso.date(),
  })
  .strict();

export const DeclineReason = z.enum([
  "not_interested",
  "already_supported",
  "safety_concern",
  "not_eligible",
  "other",
]);

export const OutcomeInput = z
  .discriminatedUnion("outcome", [
    z
      .object({
        outcome: z.literal("accepted"),
        /** Ask groups for a place; emits `referrals.support.requested`. */
        group: z.object({ kind: GroupKind, mandate: Mandate.optional() }).strict().optional(),
        note: Note.optional(),
      })
      .strict(),
    z
      .object({
        outcome: z.literal("declined"),
        /** Who declined: the person, or the service (e.g. not eligible). */
        declinedBy: z.enum(["person", "service"]),
        reason: DeclineReason,
        note: Note.optional(),
      })
      .strict(),
    z
      .object({
        outcome: z.literal("referred_elsewhere"),
        /**
         * The directory entry the person was referred to (`GET /v1/directory/partners`): live, of
         * the caller's organisation. Optional so that callers written before the directory keep
         * working; without it the outcome counts as "unlisted" in the statistics.
         */
        partnerId: z.string().min(1).max(64).optional(),
        /** The organisation the person was referred to, in words; the entry's name when omitted. */
        to: z.string().trim().min(1).max(200).optional(),
        note: Note.optional(),
      })
      .strict()
      .refine(
        givesOneOf("partnerId", "to"),
        refusal("one_of_required", "Pick the partner from the directory (or say where, in `to`)", [
          "partnerId",
        ]),
      ),
  ])
  .openapi("OutcomeInput");
export type OutcomeInput = z.infer<typeof OutcomeInput>;

export const CallbackQuery = PageQuery.extend({
  status: z.enum(["open", "closed"]).default("open"),
  role: PersonRole.optional(),
  team: z.string().min(1).max(80).optional(),
});

/** What a coordinator or admin sends to announce the tasks again (`actions/announce-tasks.ts`). */
export const AnnouncementInput = z
  .object({
    closedWithinDays: z.number().int().min(0).max(365).default(30).openapi({
      description: "Closed tasks to announce: those closed within this many days (default 30)",
    }),
  })
  .strict()
  .openapi("TaskAnnouncementInput");
