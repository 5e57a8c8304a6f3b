// A moved session: every enrolled participant gets the series again with the moved occurrence
// (RECURRENCE-ID) and a higher SEQUENCE; their reminders move with it.

import { consumerOf } from "@relais/bus";
import { SessionChanged } from "@relais/contracts";
import type { NotifyDeps } from "../actions/context.js";
import { tellSeriesChange } from "../actions/tell-series-change.js";
import { formatWhen } from "../domain/format.js";
import { venueOf } from "../domain/series.js";

export function sessionChangedConsumer(deps: NotifyDeps) {
  return consumerOf(SessionChanged, "notifications-session-changed", async (tx, event) => {
    const { data, orgId, occurredAt } = event;
    await tellSeriesChange(
      { ...deps, tx },
      {
        orgId,
        snapshot: data.series,
        occurredAt,
        template: "session_changed",
        params: (series, language) => {
          const session = series.sessions.find((s) => s.sessionId === data.sessionId);
          return {
            groupName: series.publicName,
            when: session ? formatWhen(session.startsAt, series.timeZone, language) : "",
            place: venueOf(series),
          };
        },
        calendar: () => ({ method: "REQUEST" }),
      },
    );
  });
}
