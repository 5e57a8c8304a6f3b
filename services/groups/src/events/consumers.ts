import type { ConsumerDefinition } from "@relais/bus";
import { referralReceivedConsumer } from "./referral-received.js";

export const consumers: ConsumerDefinition[] = [referralReceivedConsumer];
