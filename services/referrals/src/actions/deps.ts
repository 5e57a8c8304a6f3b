import type { Database } from "@relais/db";
import type { Clock, SealedBox } from "@relais/service-kit";
import type * as schema from "../db/schema.js";
import type { ReferralPolicy } from "../domain/policy.js";

/** What the transactional verbs need; `createApp` and the background loops pass theirs. */
export interface Deps {
  database: Database<typeof schema>;
  clock: Clock;
  box: SealedBox;
  policy: ReferralPolicy;
}
