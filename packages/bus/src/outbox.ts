import type { Envelope } from "@relais/contracts";
import { type Executor, insertRows } from "@relais/db";
import { outbox } from "./schema.js";

/**
 * Records an event in the caller's transaction. It reaches NATS through the relay after the
 * transaction commits, so a state change and its event are never separated.
 */
export async function enqueue(tx: Executor, ...events: Envelope[]): Promise<void> {
  if (events.length === 0) return;
  await insertRows(
    tx,
    outbox,
    events.map((event) => ({
      id: event.id,
      subject: event.type,
      payload: JSON.stringify(event),
      createdAt: event.occurredAt,
    })),
  );
}
