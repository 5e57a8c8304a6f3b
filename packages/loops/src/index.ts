export * from "./backoff.js";
export * from "./pump.js";
