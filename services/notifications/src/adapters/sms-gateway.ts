// SMS over the configured HTTP gateway: a JSON POST with a bearer key. 5xx and timeouts are worth
// retrying; a 4xx means the request itself is wrong and will stay wrong.
import { DeliveryError } from "./delivery-error.js";

export interface SmsSender {
  send(sms: { to: string; text: string; reference: string }): Promise<{ providerId: string }>;
}

export function httpSmsGateway(options: { url: string; key: string; timeoutMs: number }): SmsSender {
  return {
    async send(sms) {
      let response: Response;
      try {
        response = await fetch(options.url, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${options.key}` },
          body: JSON.stringify(sms),
          signal: AbortSignal.timeout(options.timeoutMs),
        });
      } catch (error) {
        const reason = error instanceof Error ? error.name : "network error";
        throw new DeliveryError(`sms gateway unreachable (${reason})`, false);
      }
      const body = await response.text();
      if (!response.ok) {
        throw new DeliveryError(`sms gateway answered ${response.status}`, response.status < 500);
      }
      let providerId = "";
      try {
        const parsed = JSON.parse(body) as { id?: unknown };
        if (typeof parsed.id === "string" || typeof parsed.id === "number") providerId = String(parsed.id);
      } catch {
        // A gateway that answers 2xx without JSON still took the message.
      }
      return { providerId };
    },
  };
}
