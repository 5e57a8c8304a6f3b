// What other packages of the monorepo may use of housing: the app and its schema (the console
// builds it in memory to read its OpenAPI document).
export { createApp } from "./app.js";
export * as schema from "./db/schema.js";
export { DEFAULT_SETTINGS } from "./domain/settings.js";
