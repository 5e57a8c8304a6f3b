// What the verbs read from the environment, once, in main.
import { DEFAULT_TIME_ZONE } from "@relais/contracts";

export interface HousingSettings {
  timeZone: string;
  followUpDays: number;
  maxNights: number;
}

export const DEFAULT_SETTINGS: HousingSettings = {
  timeZone: DEFAULT_TIME_ZONE,
  followUpDays: 30,
  maxNights: 90,
};
