// What the verbs are given: the database, the DATA_KEY box for the sealed texts, the sealer for
// what leaves for notifications, and the clock.
import type { Database } from "@relais/db";
import type { Clock, RecipientSealer, SealedBox, VerbContext } from "@relais/service-kit";
import type * as schema from "../db/schema.js";

export interface Deps {
  database: Database<typeof schema>;
  box: SealedBox;
  seal: { notifications: RecipientSealer };
  clock: Clock;
}

/** What a verb gets besides its input: these parts, who asks, and the request. */
export type Ctx = VerbContext<Deps>;

/** A reader's context: police invitees are matched on their zone claim too. */
export type ReadContext = VerbContext<Pick<Deps, "database" | "box" | "clock">> & { zone: string };
