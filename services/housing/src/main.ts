import { fileURLToPath } from "node:url";
import { bootService, createRecipientSealer, dataBox, startupFailure } from "@relais/service-kit";
import { statisticsSettingsFromEnv } from "@relais/statistics";
import { createApp } from "./app.js";
import * as schema from "./db/schema.js";
import { readEnv } from "./env.js";
import { housingConsumers } from "./events/consumers.js";

try {
  const env = readEnv();
  const box = dataBox(env);
  const seal = { notifications: createRecipientSealer(env.NOTIFICATIONS_SEAL_PUBLIC_KEY) };
  const settings = {
    timeZone: env.HOUSING_TIME_ZONE,
    followUpDays: env.FOLLOW_UP_DAYS,
    maxNights: env.MAX_NIGHTS,
  };
  await bootService({
    name: "housing",
    env,
    box,
    schema,
    migrationsFolder: fileURLToPath(new URL("../drizzle", import.meta.url)),
    streams: ["HOUSING", "REFERRALS"],
    consumers: (context) => housingConsumers({ clock: context.clock }),
    createApp: (context) =>
      createApp({ ...context, box, seal, settings, statistics: statisticsSettingsFromEnv(env) }),
  });
} catch (error) {
  startupFailure(error);
}
