// What the verbs read from the environment, once, in main.
import { DEFAULT_TIME_ZONE } from "@relais/contracts";
import { DAY_MS } from "@relais/service-kit";

export interface HousingSettings {
  timeZone: string;
  followUpDays: number;
  maxNights: number;
  /**
   * How long after a call-back task closes its team may still ask for a place for the person (a
   * caseworker asks only for a person one of their teams follows: `team_tasks`).
   */
  requestAccessAfterCloseMs: number;
}

export const DEFAULT_SETTINGS: HousingSettings = {
  timeZone: DEFAULT_TIME_ZONE,
  followUpDays: 30,
  maxNights: 90,
  requestAccessAfterCloseMs: 30 * DAY_MS,
};

/** Whole days, as the environment says them, to the milliseconds the settings hold. */
export const daysToMs = (days: number) => days * DAY_MS;
