import { BaseEnv, DataKeyEnv, SealPublicKey, serviceDefaults } from "@relais/service-kit";
import { StatisticsEnv } from "@relais/statistics";
import { z } from "zod";
import { DEFAULT_POLICY, type ReferralPolicy } from "./domain/policy.js";

const hours = z.coerce
  .number()
  .positive()
  .max(24 * 30);
const count = z.coerce.number().int().min(1).max(50);

export const ReferralsEnv = BaseEnv.extend({
  ...serviceDefaults("referrals", 3002),
  /** Seals contact fields, names and notes at rest. */
  ...DataKeyEnv,
  /** notifications' X25519 public key (32 bytes, base64): contact details leave sealed for it. */
  NOTIFICATIONS_SEAL_PUBLIC_KEY: SealPublicKey,
  /** groups' X25519 public key: display names of people asking for a group place leave sealed for it. */
  GROUPS_SEAL_PUBLIC_KEY: SealPublicKey,
  // Unset, each is DEFAULT_POLICY's (domain/policy.ts): the policy the tests run the service on.
  SLA_HIGH_HOURS: hours.default(DEFAULT_POLICY.slaHours.high),
  SLA_MEDIUM_HOURS: hours.default(DEFAULT_POLICY.slaHours.medium),
  SLA_LOW_HOURS: hours.default(DEFAULT_POLICY.slaHours.low),
  STOP_AFTER_FAILED_ATTEMPTS: count.default(DEFAULT_POLICY.maxFailedAttempts),
  STOP_MIN_WORKING_DAYS: count.default(DEFAULT_POLICY.minAttemptWorkingDays),
  RETRY_GAP_MINUTES: z.coerce.number().int().min(0).max(10_080).default(DEFAULT_POLICY.retryGapMinutes),
  CLAIM_LEASE_MINUTES: z.coerce.number().int().min(1).max(480).default(DEFAULT_POLICY.claimLeaseMinutes),
  RETENTION_DAYS: z.coerce.number().int().min(1).max(3_650).default(DEFAULT_POLICY.retentionDays),
  /**
   * Organisations whose empty routing table gets the Belgian projects seed at start, and whose
   * empty directory gets the example partners.
   */
  ROUTING_SEED_ORGS: z.string().default("org-dev"),
  SCHEDULER_INTERVAL_MS: z.coerce.number().int().min(100).default(5_000),
  /** Referrals one police zone may file per window (429 beyond); 0 turns the limit off. */
  INTAKE_RATE_LIMIT: z.coerce.number().int().min(0).default(300),
  INTAKE_RATE_WINDOW_SECONDS: z.coerce.number().int().min(1).max(3_600).default(60),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  /**
   * `public`: webhooks go to https on public addresses only. `any` is for development and the
   * tests' receivers on this machine (`pnpm start` sets it): never in production.
   */
  WEBHOOK_TARGETS: z.enum(["public", "any"]).default(DEFAULT_POLICY.webhookTargets),
  ...StatisticsEnv,
});
export type ReferralsEnv = z.infer<typeof ReferralsEnv>;

export function policyFromEnv(env: ReferralsEnv): ReferralPolicy {
  return {
    slaHours: { high: env.SLA_HIGH_HOURS, medium: env.SLA_MEDIUM_HOURS, low: env.SLA_LOW_HOURS },
    maxFailedAttempts: env.STOP_AFTER_FAILED_ATTEMPTS,
    minAttemptWorkingDays: env.STOP_MIN_WORKING_DAYS,
    retryGapMinutes: env.RETRY_GAP_MINUTES,
    claimLeaseMinutes: env.CLAIM_LEASE_MINUTES,
    retentionDays: env.RETENTION_DAYS,
    webhookTargets: env.WEBHOOK_TARGETS,
  };
}
