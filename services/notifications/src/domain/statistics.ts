// The notifications figures of the evaluation statistics: messages that went out or failed, per
// channel, by the month they did so. Pure.
import {
  countFamily,
  monthOf,
  rowKeys,
  type StatisticsReport,
  type StatisticsSettings,
} from "@relais/statistics";

export interface MessageFacts {
  channel: "email" | "sms";
  status: "sent" | "failed";
  /** When it was sent, or when it failed for good. */
  at: string;
}

export const MESSAGE_TABLES = [
  { id: "messages.outcome", categories: ["email.sent", "email.failed", "sms.sent", "sms.failed"] },
];

export function messageStatistics(
  facts: readonly MessageFacts[],
  query: { from: string; to: string; by: "month" },
  settings: StatisticsSettings,
): StatisticsReport {
  const units = facts.map((fact) => ({
    row: monthOf(fact.at, settings.timeZone),
    in: { "messages.outcome": `${fact.channel}.${fact.status}` },
  }));
  const rows = rowKeys("month", [], query);
  return {
    ...query,
    timeZone: settings.timeZone,
    threshold: settings.threshold,
    tables: countFamily("month", rows, MESSAGE_TABLES, units, settings.threshold),
    durations: [],
    rates: [],
  };
}
