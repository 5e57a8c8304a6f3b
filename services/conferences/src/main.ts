import { createRecipientSealer, startService } from "@relais/service-kit";
import { createApp } from "./app.js";
import { ConferencesEnv } from "./env.js";
import { conferenceConsumers } from "./events/referral-received.js";
import { createActionReminders } from "./jobs/action-reminders.js";
import { service } from "./service.js";

startService({
  ...service,
  config: ConferencesEnv,
  parts: (env, box) => {
    const seal = { notifications: createRecipientSealer(env.NOTIFICATIONS_SEAL_PUBLIC_KEY) };
    return {
      consumers: () => conferenceConsumers(),
      background: (context) => [
        createActionReminders({
          database: context.database,
          box,
          sealer: seal.notifications,
          clock: context.clock,
          logger: context.logger,
          intervalMs: env.REMINDER_INTERVAL_MS,
        }),
      ],
      createApp: (context) => createApp({ ...context, box, seal }),
    };
  },
});
