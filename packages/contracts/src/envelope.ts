// The event envelope every service publishes and consumes, and the helper that ties an event
// type to its subject, stream, version and data schema.
import { z } from "zod";
import { uuidV7 } from "./ids.js";
import { type StreamName, streamOf } from "./streams.js";

export const EventEnvelope = z.object({
  id: z.uuid(),
  type: z.string().regex(/^[a-z_]+\.[a-z_]+\.[a-z_]+$/),
  version: z.number().int().positive(),
  occurredAt: z.iso.datetime({ offset: true }),
  source: z.string().min(1),
  orgId: z.string().min(1),
  correlationId: z.string().min(1),
  data: z.unknown(),
});
export type EventEnvelope = z.infer<typeof EventEnvelope>;

export interface EventDefinition<TType extends string = string, TData extends z.ZodType = z.ZodType> {
  type: TType;
  version: number;
  /** NATS subject: identical to the type, e.g. `referrals.referral.received`. */
  subject: TType;
  stream: StreamName;
  data: TData;
  envelope: z.ZodType<Envelope<z.infer<TData>, TType>>;
}

export interface Envelope<TData = unknown, TType extends string = string> {
  id: string;
  type: TType;
  version: number;
  occurredAt: string;
  source: string;
  orgId: string;
  correlationId: string;
  data: TData;
}

export function defineEvent<const TType extends string, TData extends z.ZodType>(
  type: TType,
  version: number,
  data: TData,
): EventDefinition<TType, TData> {
  const envelope = EventEnvelope.extend({
    type: z.literal(type),
    version: z.literal(version),
    data,
  }) as unknown as z.ZodType<Envelope<z.infer<TData>, TType>>;
  return { type, version, subject: type, stream: streamOf(type), data, envelope };
}

export interface NewEventInput<TData> {
  orgId: string;
  correlationId?: string;
  source: string;
  data: TData;
  occurredAt?: Date;
  id?: string;
}

/**
 * Builds a validated envelope: a producer never emits an event its own contract rejects
 * (DESIGN.md: validated on publish and on receipt). A wrong event fails the producer's own
 * transaction, where the mistake is seen at once, instead of being dead-lettered by every
 * consumer later, which would lose what it carried. The data is typed as the schema's output;
 * no contract transforms its data, so parsing the output again gives the same envelope.
 */
export function createEvent<TType extends string, TData extends z.ZodType>(
  def: EventDefinition<TType, TData>,
  input: NewEventInput<z.output<TData>>,
): Envelope<z.output<TData>, TType> {
  const id = input.id ?? uuidV7();
  // The data is parsed by its schema every time. Of the envelope's own fields, the type, the
  // version, a fresh id and a date's 24-character ISO form are right by construction, so the whole
  // envelope is parsed (the same schema as on receipt, and its error) only when a field the caller
  // gave could be wrong: a third less zod per event, for the same events accepted and refused.
  const envelope = {
    id,
    type: def.type,
    version: def.version,
    occurredAt: (input.occurredAt ?? new Date()).toISOString(),
    source: input.source,
    orgId: input.orgId,
    correlationId: input.correlationId ?? id,
    data: def.data.parse(input.data) as z.output<TData>,
  };
  const madeHere =
    input.id === undefined &&
    envelope.occurredAt.length === 24 &&
    named(envelope.source) &&
    named(envelope.orgId) &&
    named(envelope.correlationId);
  return madeHere ? envelope : (def.envelope.parse(envelope) as Envelope<z.output<TData>, TType>);
}

function named(value: unknown): boolean {
  return typeof value === "string" && value.length > 0;
}

/** A UUIDv7: ordered by time, so an id alone can page or sort (see ids.ts). */
export function newId(): string {
  return uuidV7();
}
