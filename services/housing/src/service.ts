// What housing is, for its main.ts and its test harness alike.
import type { ServiceDescriptor } from "@relais/service-kit";
import * as schema from "./db/schema.js";

export const service: ServiceDescriptor<typeof schema> = {
  name: "housing",
  schema,
  migrations: new URL("../drizzle", import.meta.url),
  streams: ["HOUSING", "REFERRALS"],
};
