// What other packages of the monorepo may use of conferences: the app and its schema (the
// console builds it in memory to read its OpenAPI document).
export { createApp } from "./app.js";
export * as schema from "./db/schema.js";
