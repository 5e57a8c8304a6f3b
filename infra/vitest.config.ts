import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["scripts/**/*.test.ts", "e2e/**/*.test.ts"],
    exclude: ["e2e/**/*.slow.test.ts"],
    testTimeout: 180_000,
    // Each file runs a whole stack on free ports; one at a time keeps them from racing for ports
    // and for the two cores.
    fileParallelism: false,
    hookTimeout: 120_000,
  },
});
