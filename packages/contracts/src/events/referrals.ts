import { z } from "zod";
import {
  ContactDetails,
  ContactPreferences,
  Instant,
  Language,
  PersonRef,
  Sealed,
  TimeZone,
} from "../common.js";
import { defineEvent } from "../envelope.js";

export const PersonRole = z.enum(["victim", "author"]);
export type PersonRole = z.infer<typeof PersonRole>;
export const RiskLevel = z.enum(["high", "medium", "low"]);
export type RiskLevel = z.infer<typeof RiskLevel>;
export const ReferralStatus = z.enum([
  "received",
  "contacting",
  "in_support",
  "declined",
  "unreachable",
  "referred_elsewhere",
  "closed",
]);
export type ReferralStatus = z.infer<typeof ReferralStatus>;
export const GroupKind = z.enum(["victim_peer", "parent", "children", "perpetrator"]);
export type GroupKind = z.infer<typeof GroupKind>;

/** What `ReferralPerson.sealed` holds once notifications opens it. */
export const ReferralPersonSealed = z.object({
  displayName: z.string().max(120).optional(),
  contact: ContactDetails,
});
export type ReferralPersonSealed = z.infer<typeof ReferralPersonSealed>;

export const ReferralPerson = z.object({
  personRef: PersonRef,
  role: PersonRole,
  consent: z.boolean(),
  language: Language,
  timeZone: TimeZone,
  /**
   * Only for persons who may be contacted (consent, not "do not contact", some contact detail):
   * `ReferralPersonSealed` sealed for notifications, which builds its contact book from it. A
   * person who may not be contacted has no name and no contact detail in the event at all.
   */
  sealed: Sealed.optional(),
  preferences: ContactPreferences,
});

export const ReferralReceived = defineEvent(
  "referrals.referral.received",
  2,
  z.object({
    referralId: z.string(),
    policeZone: z.string(),
    municipality: z.string(),
    riskLevel: RiskLevel,
    childrenPresent: z.boolean(),
    persons: z.array(ReferralPerson).min(1),
  }),
);

const CallbackRef = z.object({
  taskId: z.string(),
  referralId: z.string(),
  personRef: PersonRef,
  role: PersonRole,
  team: z.string(),
  /** Where due and overdue alerts for the team go; absent when the team has no shared address. */
  teamEmail: z.email().optional(),
  riskLevel: RiskLevel,
  dueAt: Instant,
});

export const CallbackDue = defineEvent("referrals.callback.due", 1, CallbackRef);
export const CallbackOverdue = defineEvent(
  "referrals.callback.overdue",
  1,
  CallbackRef.extend({ slaDeadline: Instant }),
);

/**
 * A criticality assessment raised the task's risk: its due time and SLA deadline were re-planned
 * (brought forward) and the team is alerted at once, as for an overdue task. No answers, no score.
 */
export const CallbackEscalated = defineEvent(
  "referrals.callback.escalated",
  1,
  CallbackRef.extend({
    slaDeadline: Instant,
    previousRiskLevel: RiskLevel,
    reason: z.literal("risk_raised"),
  }),
);

/**
 * Which team holds which person's call-back, for services that scope access by team
 * (notifications: a caseworker reaches a contact only through a task of one of their teams).
 * `opened` when a task is created, `closed` when it gets its outcome (or the stop rule closes it).
 * They carry no contact data.
 */
const CallbackTask = z.object({
  taskId: z.string(),
  referralId: z.string(),
  personRef: PersonRef,
  role: PersonRole,
  team: z.string(),
});

export const CallbackOpened = defineEvent(
  "referrals.callback.opened",
  1,
  CallbackTask.extend({ openedAt: Instant }),
);

export const CallbackOutcome = z.enum(["accepted", "declined", "referred_elsewhere", "unreachable"]);
export type CallbackOutcome = z.infer<typeof CallbackOutcome>;

export const CallbackClosed = defineEvent(
  "referrals.callback.closed",
  1,
  CallbackTask.extend({ outcome: CallbackOutcome, closedAt: Instant }),
);

export const ReferralStatusChanged = defineEvent(
  "referrals.referral.status_changed",
  1,
  z.object({
    referralId: z.string(),
    policeZone: z.string(),
    from: ReferralStatus,
    to: ReferralStatus,
    firstContactAt: Instant.nullable(),
  }),
);

/** What `SupportRequested.sealed` holds once groups opens it. */
export const SupportRequestedSealed = z.object({ displayName: z.string().max(120).optional() });
export type SupportRequestedSealed = z.infer<typeof SupportRequestedSealed>;

export const SupportRequested = defineEvent(
  "referrals.support.requested",
  2,
  z.object({
    referralId: z.string(),
    personRef: PersonRef,
    role: PersonRole,
    /** `SupportRequestedSealed` (the display name) sealed for groups, which keeps it on the placement. */
    sealed: Sealed.optional(),
    groupKind: GroupKind,
    language: Language,
    municipality: z.string(),
    timeZone: TimeZone,
    mandate: z
      .object({
        authority: z.string(),
        contactEmail: z.email(),
        caseReference: z.string(),
        requiredSessions: z.number().int().positive(),
        deadline: z.iso.date(),
      })
      .optional(),
  }),
);

export const PersonPurged = defineEvent(
  "referrals.person.purged",
  1,
  z.object({ personRef: PersonRef, referralId: z.string() }),
);
