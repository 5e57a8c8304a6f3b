// Response parts more than one route shows: a person's side of a referral and its call-back task.
import { z } from "@hono/zod-openapi";

export const PersonRole = z.enum(["victim", "author"]);

/** A person as filed: whether a call-back could be made for them, and why not. */
export const FiledPerson = z.object({
  personRef: z.string(),
  role: PersonRole,
  contactable: z.boolean(),
  reason: z.string().nullable(),
});

/** A call-back task as far as every reader of it may see it. */
export const TaskSummary = z.object({
  id: z.string(),
  team: z.string(),
  status: z.enum(["open", "closed"]),
  outcome: z.string().nullable(),
});
