import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["scripts/**/*.test.ts", "e2e/**/*.test.ts"],
    globalSetup: ["scripts/test-bundles.setup.ts"],
    exclude: ["e2e/**/*.slow.test.ts"],
    testTimeout: 180_000,
    // Each file runs a whole stack of processes on free ports (as the browser tests and the fault
    // tests beside them do). Two files at a time: a stack test spends most of its time waiting
    // for deliveries and restarts, and one at a time made this the longest part of CI.
    fileParallelism: true,
    maxWorkers: 2,
    hookTimeout: 120_000,
  },
});
