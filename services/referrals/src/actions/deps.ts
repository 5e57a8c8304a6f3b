import type { Database } from "@relais/db";
import type { Clock, RecipientSealer, SealedBox, VerbContext } from "@relais/service-kit";
import type * as schema from "../db/schema.js";
import type { ReferralPolicy } from "../domain/policy.js";
import type { Scope } from "../domain/scope.js";

/** What the transactional verbs need; `createApp` and the background loops pass theirs. */
export interface Deps {
  database: Database<typeof schema>;
  clock: Clock;
  box: SealedBox;
  policy: ReferralPolicy;
  seal: EventSeals;
}

/** What a verb gets besides its input: these parts, who asks, and the request. */
export type Ctx = VerbContext<Deps>;

/** A call-back worker's or coordinator's context: which tasks they may see. */
export type TeamCtx = Ctx & { scope: Scope };

/** Personal fields leave this service sealed for the service entitled to them, never in clear. */
export interface EventSeals {
  /** Names and contact details of contactable persons (`referrals.referral.received`). */
  notifications: RecipientSealer;
  /** Display names of persons asking for a group place (`referrals.support.requested`). */
  groups: RecipientSealer;
}
