import { z } from "zod";

/**
 * What a refused field breaks, with the values its sentence needs. A client says it in its own
 * language from the code (the console's `field.<code>` messages in fr / nl / en); a field error's
 * `message` is the English text for developers reading the API. Zod's own failures get theirs from
 * the service kit (`fieldErrors`); a refinement names its code in `params: { code }`, a pattern
 * through `namedPattern`. A new code needs its message in the console's three catalogues (a test
 * there reads this table).
 */
export const FIELD_CODES = {
  // Shapes, from zod.
  required: [],
  invalid: [],
  invalid_type: [],
  invalid_choice: [],
  unknown_field: [],
  too_short: ["minimum"],
  too_long: ["maximum"],
  too_small: ["minimum"],
  too_big: ["maximum"],
  too_few: ["minimum"],
  too_many: ["maximum"],
  not_multiple_of: ["divisor"],
  invalid_email: [],
  invalid_url: [],
  invalid_date: [],
  invalid_datetime: [],
  invalid_time: [],
  invalid_month: [],
  invalid_reference: [],
  invalid_phone: [],
  invalid_switchboard: [],
  invalid_identifier: [],
  invalid_time_zone: [],
  invalid_format: [],
  // Several fields that make sense together.
  one_of_required: [],
  exactly_one: [],
  change_something: [],
  duplicate: [],
  blank: [],
  unprintable: [],
  // Dates and times.
  not_a_date: [],
  end_before_start: [],
  window_empty: [],
  in_future: [],
  before_filing: [],
  not_after: ["date"],
  not_before: ["date"],
  later_than: ["date"],
  too_many_days: ["maximum"],
  too_many_months: ["maximum"],
  invalid_schedule: [],
  no_sessions: [],
  too_many_sessions: ["maximum"],
  // Who and what a request may name.
  unknown_reference: [],
  archived: [],
  reserved: [],
  same_team: [],
  same_person: [],
  not_your_team: [],
  not_followed: [],
  not_invitee: [],
  police_zone_required: [],
  audience_required: [],
  perpetrator_only: [],
  not_for_role: [],
  from_referral: [],
  public_https: [],
  // Call-back attempts and outcomes.
  channel_not_allowed: [],
  voicemail_not_allowed: [],
  outside_safe_windows: [],
  not_reached: [],
  // Housing.
  max_nights: ["maximum"],
  open_placement: [],
  place_inactive: [],
  place_in_use: [],
  place_unavailable: [],
  place_taken: [],
  household_too_large: [],
  windows_overlap: [],
  windows_cover_stays: [],
  // Criticality grids.
  stale_version: ["version"],
  threshold_order: [],
  threshold_unreachable: ["maximum"],
  // Readiness.
  unavailable: [],
} as const satisfies Record<string, readonly string[]>;

export type FieldCode = keyof typeof FIELD_CODES;
export const FieldCodes = z.enum(Object.keys(FIELD_CODES) as [FieldCode, ...FieldCode[]]);

type ParamsOf<C extends FieldCode> = (typeof FIELD_CODES)[C][number];

/** A refused field: where, which rule (`code`, with the `params` its sentence needs), and in English. */
export type FieldError = { path: string; message: string } & {
  [C in FieldCode]: [ParamsOf<C>] extends [never]
    ? { code: C; params?: undefined }
    : { code: C; params: Record<ParamsOf<C>, string | number> };
}[FieldCode];

const patternCodes = new Map<string, FieldCode>();

/** `regex` for a schema, remembered with the code its failures carry (`z.string().regex(namedPattern(…))`). */
export function namedPattern(regex: RegExp, code: FieldCode): RegExp {
  patternCodes.set(String(regex), code);
  return regex;
}

/** The code of a pattern zod reports (`issue.pattern`), or `invalid_format` for one nobody named. */
export function patternCode(pattern: string | undefined): FieldCode {
  return (pattern !== undefined && patternCodes.get(pattern)) || "invalid_format";
}

/**
 * The `code` of a problem document: what the kit answers for a request it cannot take, then the
 * domain rules a request can break (409). The console says each rule in fr / nl / en
 * (`problem.<code>`, `messages/problems/`); a kit code is said by its status.
 */
export const KIT_PROBLEM_CODES = [
  "invalid",
  "invalid_json",
  "unauthorized",
  "forbidden",
  "not_found",
  "method_not_allowed",
  "conflict",
  "idempotency_key_reused",
  "idempotency_in_progress",
  "payload_too_large",
  "unsupported_media_type",
  "rate_limited",
  "storage_unavailable",
  "not_ready",
  "internal",
  "session_required",
  "session_expired",
  "upstream_timeout",
  "upstream_unavailable",
  "request_failed",
] as const;

export const RULE_CODES = [
  // referrals
  "already_claimed",
  "not_claimed",
  "task_closed",
  "not_unrouted",
  "reserved_team",
  "same_team",
  "invalid_municipality",
  "channel_not_allowed",
  "voicemail_not_allowed",
  "outside_safe_window",
  "not_reached",
  "partner_archived",
  "unknown_partner",
  "no_grid",
  "unknown_grid_version",
  "grid_version_taken",
  "invalid_secret",
  "already_replayed",
  "replay_failed",
  "grid_superseded",
  "group_kind_not_for_role",
  // groups
  "already_enrolled",
  "not_enrolled",
  "enrolment_ended",
  "mandate_not_allowed",
  "session_cancelled",
  "session_in_past",
  "session_started",
  "session_not_started",
  "check_in_closed",
  "admission_closed",
  "safety_separation",
  // notifications
  "not_failed",
  // housing
  "person_not_followed",
  "placement_open",
  "place_holds_stay",
  "already_placed",
  "no_place_free",
  "stay_not_ended",
  "stay_not_current",
  "placement_not_pending",
  "window_holds_stay",
  "place_inactive",
  "household_too_large",
  "place_unavailable",
  "place_taken",
  // conferences
  "conference_cancelled",
] as const;

export const PROBLEM_CODES = [...KIT_PROBLEM_CODES, ...RULE_CODES] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];
export type RuleCode = (typeof RULE_CODES)[number];

/** RFC 9457 problem details, with the field errors Relais adds for validation failures. */
export const ProblemDetails = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  code: z.enum(PROBLEM_CODES),
  requestId: z.string().optional(),
  errors: z
    .array(
      z.object({
        path: z.string(),
        message: z.string(),
        code: FieldCodes,
        params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
      }),
    )
    .optional(),
});
export type ProblemDetails = z.infer<typeof ProblemDetails>;

/**
 * A refinement's options with its field code (one whose sentence needs no values):
 * `.refine(check, refusal("same_person", "A person cannot be kept apart from themselves", ["otherPersonRef"]))`.
 */
export function refusal(code: FieldCode, message: string, path?: PropertyKey[]) {
  return { message, params: { code }, ...(path ? { path } : {}) };
}
