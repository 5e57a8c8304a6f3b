import { defineConfig } from "vitest/config";

// `pnpm test:e2e`: the slow fault tests (`*.slow.test.ts`: services SIGKILLed, a cluster losing
// nodes, a full disk), the stack as processes. The story, role matrix, hostile corpus and the
// NATS-kill burst run in `pnpm test` (see vitest.config.ts), so not again here: .ci/run runs both.
export default defineConfig({
  test: {
    include: ["e2e/**/*.slow.test.ts"],
    globalSetup: ["scripts/test-bundles.setup.ts"],
    testTimeout: 300_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
