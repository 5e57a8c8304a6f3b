// notifications reads each subject with its own durable consumer (events of different streams
// arrive in any order, and one lagging subject holds up no other): a consumer is its event, its
// durable name, and a handler that gets the event already validated.
import { type ConsumerDefinition, defineConsumer, type EventOf, type HandlerContext } from "@relais/bus";
import type { EventDefinition } from "@relais/contracts";
import type { Tx } from "@relais/db";

export function consumerOf<const E extends EventDefinition>(
  event: E,
  durable: `notifications-${string}`,
  handle: (tx: Tx, event: EventOf<E>, context: HandlerContext) => Promise<void>,
): ConsumerDefinition<E> {
  return defineConsumer({
    stream: event.stream,
    durable,
    filterSubject: event.subject,
    events: [event],
    handle,
  });
}
