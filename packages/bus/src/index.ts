export * from "./connection.js";
export * from "./consumer.js";
export * from "./dead-letters.js";
export * from "./outbox.js";
export * from "./relay.js";
export * from "./schema.js";
export * from "./streams.js";
