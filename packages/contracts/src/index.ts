export * from "./common.js";
export * from "./envelope.js";
export * from "./events/groups.js";
export * from "./events/notifications.js";
export * from "./events/referrals.js";
export * from "./pagination.js";
export * from "./problem.js";
export * from "./streams.js";
