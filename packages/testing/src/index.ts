export * from "./clock.js";
export * from "./database.js";
export * from "./nats.js";
export * from "./nats-cluster.js";
export { canConnect, freePort, freePorts } from "./ports.js";
export * from "./process.js";
export * from "./smtp.js";
export * from "./tokens.js";
export * from "./wait-for.js";
