import { fileURLToPath } from "node:url";
import { bootService, startupFailure } from "@relais/service-kit";
import { createApp } from "./app.js";
import * as schema from "./db/schema.js";
import { readEnv } from "./env.js";
import { groupConsumers } from "./events/consumers.js";

try {
  await bootService({
    name: "groups",
    env: readEnv(),
    schema,
    migrationsFolder: fileURLToPath(new URL("../drizzle", import.meta.url)),
    streams: ["GROUPS", "REFERRALS"],
    consumers: (context) => groupConsumers(context),
    createApp: (context) => createApp(context),
  });
} catch (error) {
  startupFailure(error);
}
