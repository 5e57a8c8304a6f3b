import type { Database } from "@relais/db";
import type { Clock, RecipientSealer, SealedBox } from "@relais/service-kit";
import type * as schema from "../db/schema.js";
import type { ReferralPolicy } from "../domain/policy.js";

/** What the transactional verbs need; `createApp` and the background loops pass theirs. */
export interface Deps {
  database: Database<typeof schema>;
  clock: Clock;
  box: SealedBox;
  policy: ReferralPolicy;
  seal: EventSeals;
}

/** Personal fields leave this service sealed for the service entitled to them, never in clear. */
export interface EventSeals {
  /** Names and contact details of contactable persons (`referrals.referral.received`). */
  notifications: RecipientSealer;
  /** Display names of persons asking for a group place (`referrals.support.requested`). */
  groups: RecipientSealer;
}
