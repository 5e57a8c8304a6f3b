// What other packages of the monorepo may use of notifications: the reminder scheduler as the
// service runs it, its schema and migrations (the bench); the app (the console reads its OpenAPI). Importing through here, not by
// file path, makes a rename a type error instead of a silently skipped figure.
import { fileURLToPath } from "node:url";

export { DEFAULT_SETTINGS, type Settings } from "./actions/context.js";
export { createApp } from "./app.js";
export * as schema from "./db/schema.js";
export { createReminderScheduler, type ReminderScheduler } from "./jobs/reminder-scheduler.js";

/** The drizzle migrations the service applies at start. */
export const migrationsFolder = fileURLToPath(new URL("../drizzle", import.meta.url));
