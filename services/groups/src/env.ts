import { BaseEnv, DataKeyEnv, Key32, loadConfig, PreviousKeys, SealPublicKey } from "@relais/service-kit";
import { StatisticsEnv } from "@relais/statistics";
import { z } from "zod";

export const GroupsEnv = BaseEnv.extend({
  PORT: z.coerce.number().int().min(1).max(65_535).default(3001),
  DATABASE_URL: z.string().default("file:.data/groups.db"),
  ...DataKeyEnv,
  /** groups' X25519 private key: opens the display names referrals seals for it. */
  SEAL_PRIVATE_KEY: Key32,
  /** Older private keys during a rotation, comma-separated. */
  SEAL_PRIVATE_KEY_PREVIOUS: PreviousKeys,
  /** notifications' X25519 public key: a direct enrolment's contact details leave sealed for it. */
  NOTIFICATIONS_SEAL_PUBLIC_KEY: SealPublicKey,
  ...StatisticsEnv,
});
export type GroupsEnv = z.infer<typeof GroupsEnv>;

export function readEnv(env: NodeJS.ProcessEnv = process.env): GroupsEnv {
  return loadConfig(GroupsEnv, env);
}
