// A facilitator's private feed: every series they run, venue included, no participants at all.
import { createHash } from "node:crypto";
import type { SeriesSnapshot } from "@relais/contracts";
import ical, { ICalCalendarMethod } from "ical-generator";
import { seriesEvents, seriesSpan } from "./invite.js";
import { buildVtimezone } from "./vtimezone.js";

/** Only this is stored: the token itself is the feed's one credential. */
export function hashFeedToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function buildFeed(input: {
  seriesList: SeriesSnapshot[];
  sub: string;
  now: Date;
  mailFrom: string;
}): string {
  const spans = input.seriesList.map(seriesSpan);
  const from = new Date(Math.min(...spans.map((s) => s.from.getTime()), input.now.getTime()));
  const to = new Date(Math.max(...spans.map((s) => s.to.getTime()), input.now.getTime()));
  return ical({
    prodId: { company: "Relais", product: "notifications", language: "EN" },
    name: "Relais",
    method: ICalCalendarMethod.PUBLISH,
    timezone: { name: null, generator: (zone) => buildVtimezone(zone, from, to) },
    events: input.seriesList.flatMap((series) =>
      seriesEvents({
        series,
        uid: `${hashFeedToken(`${series.groupId}\n${input.sub}`).slice(0, 32)}@relais`,
        sequence: series.sequence,
        method: "PUBLISH",
        organizer: { email: input.mailFrom, name: "Relais" },
        summary: series.publicName,
        includeVenue: true,
        now: input.now,
      }),
    ),
  }).toString();
}
