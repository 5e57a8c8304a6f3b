import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "sqlite",
  schema: "./test/schema.ts",
  out: "./test/drizzle",
});
