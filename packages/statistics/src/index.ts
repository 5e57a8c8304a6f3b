export * from "./durations.js";
export * from "./periods.js";
export * from "./report.js";
export * from "./suppress.js";
