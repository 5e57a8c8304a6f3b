import { BaseEnv, loadConfig } from "@relais/service-kit";
import { z } from "zod";

export const GroupsEnv = BaseEnv.extend({
  PORT: z.coerce.number().int().min(1).max(65_535).default(3001),
  DATABASE_URL: z.string().default("file:.data/groups.db"),
});
export type GroupsEnv = z.infer<typeof GroupsEnv>;

export function readEnv(env: NodeJS.ProcessEnv = process.env): GroupsEnv {
  return loadConfig(GroupsEnv, env);
}
