// notifications' seal key pair for tests: fixtures seal names and contact details with the public
// key, as referrals and groups do, and the harness opens them with the private key.
import { createRecipientSealer, generateRecipientKeyPair } from "@relais/service-kit";

export const NOTIFICATIONS_SEAL = generateRecipientKeyPair();

const sealer = createRecipientSealer(NOTIFICATIONS_SEAL.publicKey);

/** Seals personal fields for notifications, for an event of `type`. */
export function sealForNotifications(fields: unknown, type: string): string {
  return sealer.seal(fields, type);
}
