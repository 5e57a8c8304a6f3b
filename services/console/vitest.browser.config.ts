import { defineConfig } from "vitest/config";

// The browser tests: Debian's chromium (CHROMIUM_PATH) driven by playwright-core against the real
// stack, one file at a time (they share the machine's two cores with everything else).
export default defineConfig({
  test: {
    include: ["browser-tests/**/*.test.ts"],
    globalSetup: ["browser-tests/build-web.ts"],
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 120_000,
  },
});
