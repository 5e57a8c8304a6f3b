// What the verbs read from the environment, once, in main.
export interface HousingSettings {
  timeZone: string;
  followUpDays: number;
  maxNights: number;
}

export const DEFAULT_SETTINGS: HousingSettings = {
  timeZone: "Europe/Brussels",
  followUpDays: 30,
  maxNights: 90,
};
