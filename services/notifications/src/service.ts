// What notifications is, for its main.ts and its test harness alike.
import type { ServiceDescriptor } from "@relais/service-kit";
import * as schema from "./db/schema.js";

export const service: ServiceDescriptor<typeof schema> = {
  name: "notifications",
  schema,
  migrations: new URL("../drizzle", import.meta.url),
  streams: ["NOTIFICATIONS", "REFERRALS", "GROUPS", "HOUSING", "CONFERENCES"],
};
