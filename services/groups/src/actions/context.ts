// What a verb gets besides its input: the service's parts it uses, who asks, and the request
// (the kit's `verbContext` builds it from a route, `callerContext` from a consumer).
import type { Database } from "@relais/db";
import type { Clock, RecipientSealer, VerbContext } from "@relais/service-kit";

/** A read: the database and the caller. */
export type ReadCtx = VerbContext<{ database: Database }>;

/** A change: it also stamps the time. */
export type Ctx = VerbContext<{ database: Database; clock: Clock }>;

/** A direct enrolment: its contact details leave sealed for notifications. */
export type EnrolCtx = VerbContext<{
  database: Database;
  clock: Clock;
  seal: { notifications: RecipientSealer };
}>;
