import { createRecipientSealer, recipientOpener, startService } from "@relais/service-kit";
import { statisticsSettingsFromEnv } from "@relais/statistics";
import { createApp } from "./app.js";
import { GroupsEnv } from "./env.js";
import { groupConsumers } from "./events/consumers.js";
import { service } from "./service.js";

startService({
  ...service,
  config: GroupsEnv,
  parts: (env) => {
    const open = recipientOpener(env);
    const seal = { notifications: createRecipientSealer(env.NOTIFICATIONS_SEAL_PUBLIC_KEY) };
    const statistics = statisticsSettingsFromEnv(env);
    return {
      consumers: (context) => groupConsumers({ clock: context.clock, open }),
      createApp: (context) => createApp({ ...context, seal, statistics }),
    };
  },
});
