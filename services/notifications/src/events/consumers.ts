import type { ConsumerDefinition } from "@relais/bus";
import type { SealedBox } from "../domain/sealed-box.js";
import { referralReceivedConsumer } from "./referral-received.js";

export function consumers(box: SealedBox): ConsumerDefinition[] {
  return [referralReceivedConsumer(box)];
}
