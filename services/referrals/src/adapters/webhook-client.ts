// The HTTP side of police zones' status webhooks: signs a delivery in the Standard Webhooks form
// (`standardwebhooks`, the library the receivers' own verifiers use) and posts it, unless its
// target is not public (domain/webhook-target.ts), by its URL or by what its name resolves to.
// The sender (jobs/webhook-sender.ts) decides what an answer means.
import { lookup as dnsLookup } from "node:dns/promises";
import { Webhook } from "standardwebhooks";
import {
  hostOf,
  isPublicAddress,
  type WebhookTargets,
  webhookTargetRefusal,
} from "../domain/webhook-target.js";

export interface PostResult {
  /** The receiver's status; null when there was none (timeout, network, refused). */
  statusCode: number | null;
  error: string | null;
  /** Not sent: the target is not a public address. Final: a retry would be refused again. */
  refused?: true;
}

/** Resolves a name to its addresses (node's `dns.lookup`, all of them). */
export type Lookup = (hostname: string) => Promise<Array<{ address: string }>>;

const lookupAll: Lookup = (hostname) => dnsLookup(hostname, { all: true });

/**
 * Why the request may not go to `url` now: its URL, or a name that resolves to an address inside
 * the network (a name registered as public may be pointed inward later). A name that does not
 * resolve is left to the request, which fails on it the same way.
 */
async function refusal(url: string, targets: WebhookTargets, lookup: Lookup): Promise<string | null> {
  const byUrl = webhookTargetRefusal(url, targets);
  if (byUrl || targets === "any") return byUrl;
  const addresses = await lookup(hostOf(new URL(url))).catch(() => []);
  return addresses.some((a) => !isPublicAddress(a.address))
    ? "resolves to an address that is not public"
    : null;
}

/** The headers of one delivery: `webhook-id`, `webhook-timestamp`, `webhook-signature` (`v1,…`). */
export function signedHeaders(secret: string, id: string, at: Date, body: string): Record<string, string> {
  return {
    "content-type": "application/json",
    "webhook-id": id,
    "webhook-timestamp": String(Math.floor(at.getTime() / 1_000)),
    "webhook-signature": new Webhook(secret).sign(id, at, body),
  };
}

export async function postWebhook(
  send: typeof fetch,
  url: string,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
  target: { targets: WebhookTargets; lookup?: Lookup } = { targets: "public" },
): Promise<PostResult> {
  const refused = await refusal(url, target.targets, target.lookup ?? lookupAll);
  if (refused) return { statusCode: null, error: `refused: ${refused}`, refused: true };
  try {
    const response = await send(url, {
      method: "POST",
      headers,
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    // The answer body is not needed; not awaited, as some streams never settle a cancel.
    void response.body?.cancel().catch(() => undefined);
    return { statusCode: response.status, error: null };
  } catch (error) {
    const name = error instanceof Error ? error.name : "Error";
    return { statusCode: null, error: name === "TimeoutError" ? "timeout" : `network: ${name}` };
  }
}
