export * from "./columns.js";
export * from "./database.js";
export { insertRows, prepared } from "./hot-path.js";
export * from "./lookups.js";
