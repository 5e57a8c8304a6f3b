// Standard Webhooks signing: `v1,<base64 HMAC-SHA256 of "id.timestamp.body">` with a `whsec_` secret.
import { createHmac, randomBytes } from "node:crypto";

const PREFIX = "whsec_";

export function generateWebhookSecret(): string {
  return `${PREFIX}${randomBytes(32).toString("base64")}`;
}

export function isWebhookSecret(value: string): boolean {
  if (!value.startsWith(PREFIX)) return false;
  const key = Buffer.from(value.slice(PREFIX.length), "base64");
  return key.length >= 24 && key.length <= 64;
}

export function signWebhook(secret: string, id: string, timestampSeconds: number, body: string): string {
  const key = Buffer.from(secret.slice(PREFIX.length), "base64");
  const mac = createHmac("sha256", key).update(`${id}.${timestampSeconds}.${body}`).digest("base64");
  return `v1,${mac}`;
}

export function webhookHeaders(secret: string, id: string, at: Date, body: string): Record<string, string> {
  const timestamp = Math.floor(at.getTime() / 1_000);
  return {
    "content-type": "application/json",
    "webhook-id": id,
    "webhook-timestamp": String(timestamp),
    "webhook-signature": signWebhook(secret, id, timestamp, body),
  };
}

/** Seconds to wait before retry `attempt` (1-based), after the Standard Webhooks schedule. */
const BACKOFF_SECONDS = [5, 5 * 60, 30 * 60, 2 * 3_600, 5 * 3_600, 10 * 3_600, 10 * 3_600];

export function webhookRetryDelayMs(attempt: number): number | null {
  const seconds = BACKOFF_SECONDS[attempt - 1];
  return seconds === undefined ? null : seconds * 1_000;
}
