// What other packages of the monorepo may use of referrals: the app, its schema and default
// policy (the console builds it in memory to read its OpenAPI document).
export { createApp } from "./app.js";
export * as schema from "./db/schema.js";
export { DEFAULT_POLICY } from "./domain/policy.js";
