import { fileURLToPath } from "node:url";
import { bootService, startupFailure } from "@relais/service-kit";
import { createApp } from "./app.js";
import * as schema from "./db/schema.js";
import { createSealedBox } from "./domain/sealed-box.js";
import { readEnv } from "./env.js";
import { consumers } from "./events/consumers.js";

try {
  const env = readEnv();
  const box = createSealedBox(env.DATA_KEY, env.DATA_KEY_PREVIOUS);
  await bootService({
    name: "notifications",
    env,
    schema,
    migrationsFolder: fileURLToPath(new URL("../drizzle", import.meta.url)),
    streams: ["NOTIFICATIONS", "REFERRALS", "GROUPS"],
    consumers: () => consumers(box),
    createApp: (context) => createApp({ ...context, box }),
  });
} catch (error) {
  startupFailure(error);
}
