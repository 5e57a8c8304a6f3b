import { createEvent, type Envelope, type EventDefinition } from "@relais/contracts";
import { type Executor, insertRows } from "@relais/db";
import type { z } from "zod";
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

/** Where an event comes from: the service, the organisation, the request it answers, the time. */
export interface EventOrigin {
  source: string;
  orgId: string;
  correlationId?: string;
  occurredAt: Date;
}

/** `createEvent` from `origin` and `enqueue` in one, in the caller's transaction. */
export async function enqueueEvent<TType extends string, TData extends z.ZodType>(
  tx: Executor,
  def: EventDefinition<TType, TData>,
  origin: EventOrigin,
  data: z.output<TData>,
): Promise<Envelope<z.output<TData>, TType>> {
  const event = createEvent(def, { ...origin, data });
  await enqueue(tx, event);
  return event;
}
