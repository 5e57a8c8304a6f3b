import { defineConfig } from "vitest/config";

// The browser tests: Debian's chromium (CHROMIUM_PATH) driven by playwright-core against the real
// stack. Two files at a time, each with its own stack and browser: a file spends most of its time
// waiting for a page or a service, so two of them fill the two cores (all five passed side by
// side at a load average of 17–19).
export default defineConfig({
  test: {
    include: ["browser-tests/**/*.test.ts"],
    globalSetup: ["browser-tests/build-web.ts", "../../infra/scripts/test-bundles.setup.ts"],
    fileParallelism: true,
    maxWorkers: 2,
    testTimeout: 180_000,
    hookTimeout: 120_000,
  },
});
