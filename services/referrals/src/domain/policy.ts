// The rules a deployment may tune: SLA per risk level, the stop rule, leases, retention and where
// webhooks may point.
import type { RiskLevel } from "@relais/contracts";
import type { WebhookTargets } from "./webhook-target.js";

export interface ReferralPolicy {
  /** Hours from filing within which the first attempt is due, per risk level. */
  slaHours: Record<RiskLevel, number>;
  /** Failed attempts after which a task closes as unreachable… */
  maxFailedAttempts: number;
  /** …provided they were spread over at least this many working days. */
  minAttemptWorkingDays: number;
  /** The earliest a failed attempt may be retried. */
  retryGapMinutes: number;
  /** How long a worker's claim on a task lasts. */
  claimLeaseMinutes: number;
  /** Closed referrals and their personal data are purged this long after closing. */
  retentionDays: number;
  /** Where police zones' webhooks may point: `public` https addresses, or `any` (development). */
  webhookTargets: WebhookTargets;
}

export const DEFAULT_POLICY: ReferralPolicy = {
  slaHours: { high: 4, medium: 24, low: 72 },
  maxFailedAttempts: 3,
  minAttemptWorkingDays: 2,
  retryGapMinutes: 120,
  claimLeaseMinutes: 30,
  retentionDays: 365,
  webhookTargets: "public",
};

export const RISK_RANK: Record<RiskLevel, number> = { high: 0, medium: 1, low: 2 };
