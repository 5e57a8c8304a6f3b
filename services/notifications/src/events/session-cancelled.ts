// A cancelled session: participants get a CANCEL for that occurrence (RECURRENCE-ID), or for the
// whole series once nothing is left of it; its reminders drop; facilitators are told.

import { consumerOf } from "@relais/bus";
import { SessionCancelled } from "@relais/contracts";
import { alertFacilitatorsOfCancellation } from "../actions/alert-facilitators-of-cancellation.js";
import type { NotifyDeps } from "../actions/context.js";
import { tellSeriesChange } from "../actions/tell-series-change.js";
import { formatWhen } from "../domain/format.js";

export function sessionCancelledConsumer(deps: NotifyDeps) {
  return consumerOf(SessionCancelled, "notifications-session-cancelled", async (tx, event) => {
    const { data, orgId, occurredAt } = event;
    const ctx = { ...deps, tx };
    const series = await tellSeriesChange(ctx, {
      orgId,
      snapshot: data.series,
      occurredAt,
      template: "session_cancelled",
      params: (series, language) => ({
        groupName: series.publicName,
        when: formatWhen(data.originalStartsAt, series.timeZone, language),
      }),
      calendar: (series) => {
        if (series.sessions.every((s) => s.status === "cancelled")) return { method: "CANCEL" };
        if (series.sessions.some((s) => s.sessionId === data.sessionId))
          return { method: "CANCEL", cancelledSessionId: data.sessionId };
        return null;
      },
    });
    await alertFacilitatorsOfCancellation(ctx, {
      orgId,
      series,
      originalStartsAt: data.originalStartsAt,
      reason: data.reason,
    });
  });
}
