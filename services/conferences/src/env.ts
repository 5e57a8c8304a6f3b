import { BaseEnv, DataKeyEnv, SealPublicKey, serviceDefaults } from "@relais/service-kit";
import { z } from "zod";

export const ConferencesEnv = BaseEnv.extend({
  ...serviceDefaults("conferences", 3004),
  ...DataKeyEnv,
  /** notifications' X25519 public key: invitees' addresses leave sealed for it. */
  NOTIFICATIONS_SEAL_PUBLIC_KEY: SealPublicKey,
  /** How often the overdue-action reminder looks for work. */
  REMINDER_INTERVAL_MS: z.coerce.number().int().min(100).max(3_600_000).default(60_000),
});
export type ConferencesEnv = z.infer<typeof ConferencesEnv>;
