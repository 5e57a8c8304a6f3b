export * from "./recurrence.js";
