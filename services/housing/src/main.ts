import { createRecipientSealer, startService } from "@relais/service-kit";
import { statisticsSettingsFromEnv } from "@relais/statistics";
import { createApp } from "./app.js";
import { daysToMs } from "./domain/settings.js";
import { HousingEnv } from "./env.js";
import { housingConsumers } from "./events/consumers.js";
import { service } from "./service.js";

startService({
  ...service,
  config: HousingEnv,
  parts: (env, box) => {
    const seal = { notifications: createRecipientSealer(env.NOTIFICATIONS_SEAL_PUBLIC_KEY) };
    const settings = {
      timeZone: env.HOUSING_TIME_ZONE,
      followUpDays: env.FOLLOW_UP_DAYS,
      maxNights: env.MAX_NIGHTS,
      requestAccessAfterCloseMs: daysToMs(env.REQUEST_ACCESS_DAYS),
    };
    const statistics = statisticsSettingsFromEnv(env);
    return {
      consumers: (context) => housingConsumers({ clock: context.clock }),
      createApp: (context) => createApp({ ...context, box, seal, settings, statistics }),
    };
  },
});
