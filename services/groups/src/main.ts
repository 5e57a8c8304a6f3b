import { fileURLToPath } from "node:url";
import {
  bootService,
  createRecipientOpener,
  createRecipientSealer,
  dataBox,
  startupFailure,
} from "@relais/service-kit";
import { statisticsSettingsFromEnv } from "@relais/statistics";
import { createApp } from "./app.js";
import * as schema from "./db/schema.js";
import { readEnv } from "./env.js";
import { groupConsumers } from "./events/consumers.js";

try {
  const env = readEnv();
  const open = createRecipientOpener(env.SEAL_PRIVATE_KEY, env.SEAL_PRIVATE_KEY_PREVIOUS);
  const seal = { notifications: createRecipientSealer(env.NOTIFICATIONS_SEAL_PUBLIC_KEY) };
  await bootService({
    name: "groups",
    env,
    box: dataBox(env),
    schema,
    migrationsFolder: fileURLToPath(new URL("../drizzle", import.meta.url)),
    streams: ["GROUPS", "REFERRALS"],
    consumers: (context) => groupConsumers({ clock: context.clock, open }),
    createApp: (context) => createApp({ ...context, seal, statistics: statisticsSettingsFromEnv(env) }),
  });
} catch (error) {
  startupFailure(error);
}
