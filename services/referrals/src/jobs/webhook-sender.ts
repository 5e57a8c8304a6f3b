// Sends queued status webhooks to police zones, signed in the Standard Webhooks form. Every HTTP
// attempt is logged; 5xx, 429, timeouts and network errors are retried with backoff; 410 Gone
// stops the delivery and disables the zone's webhook; other 4xx, and a target that is not public
// (refused before any request: the log says "refused", never what a private host answered), fail
// the delivery at once.
import { newId } from "@relais/contracts";
import { type Clock, createPump, type Logger, type Pump, type SealedBox } from "@relais/service-kit";
import { and, eq, sql } from "drizzle-orm";
import type { Deps } from "../actions/deps.js";
import { type Lookup, postWebhook, signedHeaders } from "../adapters/webhook-client.js";
import { policeWebhooks, webhookAttempts, webhookDeliveries } from "../db/schema.js";
import type { WebhookTargets } from "../domain/webhook-target.js";
import { webhookRetryDelayMs } from "../domain/webhooks.js";
import { leasePumpTiming } from "./lease-pump.js";

export interface WebhookSenderOptions {
  database: Deps["database"];
  clock: Clock;
  box: SealedBox;
  logger: Logger;
  owner?: string;
  intervalMs?: number;
  timeoutMs?: number;
  leaseMs?: number;
  fetch?: typeof fetch;
  /** Where webhooks may go (the policy's `webhookTargets`); `public` unless given. */
  targets?: WebhookTargets;
  /** How target names are resolved; node's `dns.lookup` unless given. */
  lookup?: Lookup;
}

type Delivery = typeof webhookDeliveries.$inferSelect;

export function createWebhookSender(options: WebhookSenderOptions): Pump {
  const { database, clock, box } = options;
  const owner = options.owner ?? `webhooks-${newId()}`;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const leaseMs = options.leaseMs ?? Math.max(60_000, timeoutMs * 2);
  const send = options.fetch ?? fetch;

  async function claim(): Promise<Delivery[]> {
    const now = clock.now().toISOString();
    const until = new Date(clock.now().getTime() + leaseMs).toISOString();
    const d = webhookDeliveries;
    return database.write((tx) =>
      tx
        .update(d)
        .set({ leaseOwner: owner, leaseUntil: until })
        .where(
          sql`${d.id} IN (SELECT ${d.id} FROM ${d} WHERE ${d.status} = 'pending' AND ${d.nextAttemptAt} <= ${now}
            AND (${d.leaseUntil} IS NULL OR ${d.leaseUntil} <= ${now}) LIMIT 20)`,
        )
        .returning(),
    );
  }

  async function deliver(delivery: Delivery): Promise<void> {
    const [hook] = await database.db
      .select()
      .from(policeWebhooks)
      .where(and(eq(policeWebhooks.orgId, delivery.orgId), eq(policeWebhooks.zone, delivery.zone)))
      .limit(1);
    const mine = and(eq(webhookDeliveries.id, delivery.id), eq(webhookDeliveries.leaseOwner, owner));
    if (!hook?.enabled) {
      await database.write((tx) =>
        tx
          .update(webhookDeliveries)
          .set({
            status: "failed",
            lastError: "webhook disabled",
            finishedAt: clock.now().toISOString(),
            leaseOwner: null,
            leaseUntil: null,
          })
          .where(mine),
      );
      return;
    }
    const started = clock.now();
    const startedMs = performance.now();
    const result = await postWebhook(
      send,
      hook.url,
      signedHeaders(box.open(hook.secret), delivery.id, started, delivery.payload),
      delivery.payload,
      timeoutMs,
      { targets: options.targets ?? "public", ...(options.lookup ? { lookup: options.lookup } : {}) },
    );
    const durationMs = Math.round(performance.now() - startedMs);
    const attempts = delivery.attempts + 1;
    const code = result.statusCode;
    const ok = code !== null && code >= 200 && code < 300;
    const gone = code === 410;
    const retryable = !result.refused && (code === null || code >= 500 || code === 429);
    const delay = retryable ? webhookRetryDelayMs(attempts) : null;
    const now = clock.now().toISOString();
    await database.write(async (tx) => {
      await tx.insert(webhookAttempts).values({
        id: `wha_${newId()}`,
        deliveryId: delivery.id,
        at: started.toISOString(),
        statusCode: code,
        error: result.error,
        durationMs,
      });
      const finished = ok || gone || delay === null;
      await tx
        .update(webhookDeliveries)
        .set({
          attempts,
          lastStatusCode: code,
          lastError: result.error,
          status: ok ? "delivered" : gone ? "gone" : delay === null ? "failed" : "pending",
          nextAttemptAt:
            delay === null ? delivery.nextAttemptAt : new Date(started.getTime() + delay).toISOString(),
          finishedAt: finished ? now : null,
          leaseOwner: null,
          leaseUntil: null,
        })
        .where(mine);
      if (gone) {
        // 410 means the receiver retired this endpoint: stop sending until a coordinator re-registers.
        await tx
          .update(policeWebhooks)
          .set({ enabled: false, disabledReason: "410 Gone from the receiver", updatedAt: now })
          .where(and(eq(policeWebhooks.orgId, delivery.orgId), eq(policeWebhooks.zone, delivery.zone)));
        await tx
          .update(webhookDeliveries)
          .set({ status: "gone", finishedAt: now })
          .where(
            and(
              eq(webhookDeliveries.orgId, delivery.orgId),
              eq(webhookDeliveries.zone, delivery.zone),
              eq(webhookDeliveries.status, "pending"),
            ),
          );
      }
    });
  }

  return createPump({
    name: "webhook sender",
    ...leasePumpTiming(options.intervalMs ?? 2_000, options.logger),
    async work() {
      const deliveries = await claim();
      for (const delivery of deliveries) await deliver(delivery);
      return deliveries.length;
    },
  });
}
