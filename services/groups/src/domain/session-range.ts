// The window a person may ask "my sessions from … to …" for: a week or a month view needs at most
// six weeks, and an open-ended read of every session of every group is not something a screen needs.

/** The longest span one read covers: a month view's six weeks, with a day to spare. */
export const MAX_RANGE_DAYS = 43;

/** The UTC bounds as stored text (whole seconds, `Z`), or the reason the range is refused. */
export function sessionRange(
  from: string,
  to: string,
): { ok: true; from: string; to: string } | { ok: false; reason: string } {
  const start = Date.parse(from);
  const end = Date.parse(to);
  if (!(end > start)) return { ok: false, reason: "`to` must be after `from`" };
  if (end - start > MAX_RANGE_DAYS * 86_400_000)
    return { ok: false, reason: `At most ${MAX_RANGE_DAYS} days at a time` };
  const utc = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
  return { ok: true, from: utc(start), to: utc(end) };
}
