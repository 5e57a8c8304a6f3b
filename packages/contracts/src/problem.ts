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

/** RFC 9457 problem details, with the field errors Relais adds for validation failures. */
export const ProblemDetails = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  code: z.string(),
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
