import { TimeZone } from "@relais/contracts";
import { BaseEnv, DataKeyEnv, SealPublicKey, serviceDefaults } from "@relais/service-kit";
import { StatisticsEnv } from "@relais/statistics";
import { z } from "zod";
import { DEFAULT_SETTINGS, daysToMs } from "./domain/settings.js";

export const HousingEnv = BaseEnv.extend({
  ...serviceDefaults("housing", 3005),
  /** Seals the places' addresses at rest (AES-256-GCM). */
  ...DataKeyEnv,
  /** notifications' X25519 public key: a confirmed placement's address leaves sealed for it. */
  NOTIFICATIONS_SEAL_PUBLIC_KEY: SealPublicKey,
  /** The zone whose calendar dates are the nights of every stay and availability window. */
  HOUSING_TIME_ZONE: TimeZone.default(DEFAULT_SETTINGS.timeZone),
  /** Days after an exit when the requesting team follows the person up (Astree: durable housing). */
  FOLLOW_UP_DAYS: z.coerce.number().int().min(1).max(365).default(DEFAULT_SETTINGS.followUpDays),
  /** The longest stay one request or extension may plan. */
  MAX_NIGHTS: z.coerce.number().int().min(1).max(365).default(DEFAULT_SETTINGS.maxNights),
  /** Days after a call-back task closes during which its team may still ask for a place. */
  REQUEST_ACCESS_DAYS: z.coerce
    .number()
    .int()
    .min(0)
    .max(365)
    .default(DEFAULT_SETTINGS.requestAccessAfterCloseMs / daysToMs(1)),
  ...StatisticsEnv,
});
export type HousingEnv = z.infer<typeof HousingEnv>;
