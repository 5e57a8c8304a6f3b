// The window a person may ask "my sessions from … to …" for: a week or a month view needs at most
// six weeks, and an open-ended read of every session of every group is not something a screen needs.

import type { FieldError } from "@relais/contracts";

/** The longest span one read covers: a month view's six weeks, with a day to spare. */
export const MAX_RANGE_DAYS = 43;

/** The UTC bounds as stored text (whole seconds, `Z`), or the reason the range is refused. */
export function sessionRange(
  from: string,
  to: string,
): { ok: true; from: string; to: string } | { ok: false; refusal: FieldError } {
  const start = Date.parse(from);
  const end = Date.parse(to);
  if (!(end > start))
    return {
      ok: false,
      refusal: { path: "to", code: "end_before_start", message: "`to` must be after `from`" },
    };
  if (end - start > MAX_RANGE_DAYS * 86_400_000) {
    const message = `At most ${MAX_RANGE_DAYS} days at a time`;
    return {
      ok: false,
      refusal: { path: "to", code: "too_many_days", params: { maximum: MAX_RANGE_DAYS }, message },
    };
  }
  const utc = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
  return { ok: true, from: utc(start), to: utc(end) };
}
