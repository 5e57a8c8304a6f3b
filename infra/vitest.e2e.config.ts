import { defineConfig } from "vitest/config";

// `pnpm test:e2e`: the whole stack as processes. The role matrix and hostile corpus also run in
// `pnpm test` (see vitest.config.ts); the slow fault tests run here only.
export default defineConfig({
  test: { include: ["e2e/**/*.test.ts"], testTimeout: 300_000, hookTimeout: 120_000, fileParallelism: false },
});
