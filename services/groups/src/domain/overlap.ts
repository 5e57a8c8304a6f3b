// Two groups "meet at the same place at overlapping times" when they share a venue and any of
// their held sessions intersect.

export interface Interval {
  startsAt: string;
  endsAt: string;
}

/** Lower-cased, single-spaced, punctuation-insensitive address: how two venue strings are compared. */
export function venueKey(address: string): string {
  return address
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

export function intervalsOverlap(a: readonly Interval[], b: readonly Interval[]): boolean {
  const left = [...a].sort(byStart);
  const right = [...b].sort(byStart);
  let i = 0;
  let j = 0;
  while (i < left.length && j < right.length) {
    const x = left[i]!;
    const y = right[j]!;
    if (Date.parse(x.startsAt) < Date.parse(y.endsAt) && Date.parse(y.startsAt) < Date.parse(x.endsAt))
      return true;
    if (Date.parse(x.endsAt) <= Date.parse(y.endsAt)) i++;
    else j++;
  }
  return false;
}

function byStart(x: Interval, y: Interval): number {
  return Date.parse(x.startsAt) - Date.parse(y.startsAt);
}

/** The "place" a group meets: its venue, or its online room. */
export function locationKey(
  location: { kind: "venue"; address: string } | { kind: "online"; url: string },
): string {
  return location.kind === "venue" ? `venue:${venueKey(location.address)}` : `online:${location.url.trim()}`;
}
