import { z } from "zod";
import { Channel, PersonRef } from "../common.js";
import { defineEvent } from "../envelope.js";

const MessageRef = z.object({
  messageId: z.string(),
  channel: Channel,
  template: z.string(),
  personRef: PersonRef.optional(),
  attempts: z.number().int().nonnegative(),
});

export const MessageSent = defineEvent(
  "notifications.message.sent",
  1,
  MessageRef.extend({ providerId: z.string().optional() }),
);
export const MessageFailed = defineEvent(
  "notifications.message.failed",
  1,
  MessageRef.extend({ reason: z.string() }),
);
