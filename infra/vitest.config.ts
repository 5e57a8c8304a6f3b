import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["scripts/**/*.test.ts", "e2e/**/*.test.ts"],
    exclude: ["e2e/**/*.slow.test.ts"],
    testTimeout: 180_000,
    hookTimeout: 120_000,
  },
});
