import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["scripts/**/*.test.ts", "e2e/**/*.test.ts"],
    globalSetup: ["scripts/test-bundles.setup.ts"],
    exclude: ["e2e/**/*.slow.test.ts"],
    // A stack test takes 30–90 s on a quiet machine and several times that at a load of 30 (other
    // sessions on the same two cores); a hang still fails, within CI's budget.
    testTimeout: 420_000,
    // Each file runs a whole stack of processes on free ports (as the browser tests and the fault
    // tests beside them do). Two files at a time: a stack test spends most of its time waiting
    // for deliveries and restarts, and one at a time made this the longest part of CI.
    fileParallelism: true,
    maxWorkers: 2,
    hookTimeout: 120_000,
  },
});
