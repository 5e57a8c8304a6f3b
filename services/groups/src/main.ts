import { createRecipientOpener, createRecipientSealer, startService } from "@relais/service-kit";
import { statisticsSettingsFromEnv } from "@relais/statistics";
import { createApp } from "./app.js";
import * as schema from "./db/schema.js";
import { readEnv } from "./env.js";
import { groupConsumers } from "./events/consumers.js";

startService({
  name: "groups",
  readEnv,
  schema,
  migrations: new URL("../drizzle", import.meta.url),
  streams: ["GROUPS", "REFERRALS"],
  parts: (env) => {
    const open = createRecipientOpener(env.SEAL_PRIVATE_KEY, env.SEAL_PRIVATE_KEY_PREVIOUS);
    const seal = { notifications: createRecipientSealer(env.NOTIFICATIONS_SEAL_PUBLIC_KEY) };
    const statistics = statisticsSettingsFromEnv(env);
    return {
      consumers: (context) => groupConsumers({ clock: context.clock, open }),
      createApp: (context) => createApp({ ...context, seal, statistics }),
    };
  },
});
