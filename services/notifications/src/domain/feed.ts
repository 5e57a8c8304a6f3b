// A facilitator's private feed: every series they run, venue included, no participants at all.
import { createHash } from "node:crypto";
import type { SeriesSnapshot } from "@relais/contracts";
import ical, { ICalCalendarMethod } from "ical-generator";
import { seriesEvents } from "./invite.js";
import { vtimezoneOf } from "./vtimezone.js";

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
  return ical({
    prodId: { company: "Relais", product: "notifications", language: "EN" },
    name: "Relais",
    method: ICalCalendarMethod.PUBLISH,
    timezone: { name: null, generator: vtimezoneOf },
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
