export * from "./columns.js";
export * from "./database.js";
export * from "./exists.js";
export { insertRows, prepared } from "./hot-path.js";
