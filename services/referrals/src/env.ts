import { BaseEnv, loadConfig } from "@relais/service-kit";
import { z } from "zod";

export const ReferralsEnv = BaseEnv.extend({
  PORT: z.coerce.number().int().min(1).max(65_535).default(3002),
  DATABASE_URL: z.string().default("file:.data/referrals.db"),
});
export type ReferralsEnv = z.infer<typeof ReferralsEnv>;

export function readEnv(env: NodeJS.ProcessEnv = process.env): ReferralsEnv {
  return loadConfig(ReferralsEnv, env);
}
