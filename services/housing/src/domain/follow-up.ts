import { z } from "zod";

/** What became of a person after an emergency stay, as the requesting team found out. */
export const FollowUpOutcome = z.enum([
  "durable_housing",
  "still_searching",
  "back_in_emergency",
  "lost_contact",
]);
export type FollowUpOutcome = z.infer<typeof FollowUpOutcome>;
