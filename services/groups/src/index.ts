// What other packages of the monorepo may use of groups: the recurrence expansion (the bench),
// the app and its schema (the console builds it in memory to read its OpenAPI document).
// Importing through here, not by file path, makes a rename a type error instead of a silently
// skipped figure.

export { createApp } from "./app.js";
export * as schema from "./db/schema.js";
export { type ExpandedSchedule, expandSchedule, type Schedule } from "./domain/recurrence.js";
