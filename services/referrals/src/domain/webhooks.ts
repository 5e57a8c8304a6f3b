// Police zones' status webhooks, the Standard Webhooks way: the `whsec_` secret's form and the
// retry schedule. Signing is the `standardwebhooks` library's (adapters/webhook-client.ts).
import { randomBytes } from "node:crypto";

const PREFIX = "whsec_";

export function generateWebhookSecret(): string {
  return `${PREFIX}${randomBytes(32).toString("base64")}`;
}

export function isWebhookSecret(value: string): boolean {
  if (!value.startsWith(PREFIX)) return false;
  const key = Buffer.from(value.slice(PREFIX.length), "base64");
  return key.length >= 24 && key.length <= 64;
}

/** Seconds to wait before retry `attempt` (1-based), after the Standard Webhooks schedule. */
const BACKOFF_SECONDS = [5, 5 * 60, 30 * 60, 2 * 3_600, 5 * 3_600, 10 * 3_600, 10 * 3_600];

export function webhookRetryDelayMs(attempt: number): number | null {
  const seconds = BACKOFF_SECONDS[attempt - 1];
  return seconds === undefined ? null : seconds * 1_000;
}
