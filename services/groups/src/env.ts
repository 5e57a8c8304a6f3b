import { BaseEnv, DataKeyEnv, SealKeyEnv, SealPublicKey, serviceDefaults } from "@relais/service-kit";
import { StatisticsEnv } from "@relais/statistics";
import type { z } from "zod";

export const GroupsEnv = BaseEnv.extend({
  ...serviceDefaults("groups", 3001),
  ...DataKeyEnv,
  /** groups' X25519 private key: opens the display names referrals seals for it. */
  ...SealKeyEnv,
  /** notifications' X25519 public key: a direct enrolment's contact details leave sealed for it. */
  NOTIFICATIONS_SEAL_PUBLIC_KEY: SealPublicKey,
  ...StatisticsEnv,
});
export type GroupsEnv = z.infer<typeof GroupsEnv>;
