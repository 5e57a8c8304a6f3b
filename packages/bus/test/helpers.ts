import { fileURLToPath } from "node:url";
import { tempDatabase } from "@relais/testing";
import pino from "pino";
import * as schema from "./schema.js";

export const logger = pino({ level: process.env.LOG_LEVEL ?? "silent" });

export function testDatabase() {
  return tempDatabase({ schema, migrationsFolder: fileURLToPath(new URL("./drizzle", import.meta.url)) });
}
