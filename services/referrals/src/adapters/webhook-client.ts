// The HTTP side of police zones' status webhooks: signs a delivery in the Standard Webhooks form
// (`standardwebhooks`, the library the receivers' own verifiers use) and posts it. The sender
// (jobs/webhook-sender.ts) decides what an answer means.
import { Webhook } from "standardwebhooks";

export interface PostResult {
  /** The receiver's status; null when there was none (timeout, network). */
  statusCode: number | null;
  error: string | null;
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
): Promise<PostResult> {
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
