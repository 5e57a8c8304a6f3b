// The one vitest configuration of the packages and services: their tests live in `src/` and
// `test/`; each package says only what differs (how long a test or a hook may take, whether its
// files may run side by side).
import { defineConfig } from "vitest/config";

export interface PackageTests {
  testTimeout?: number;
  hookTimeout?: number;
  fileParallelism?: boolean;
  include?: string[];
}

export function packageTests(options: PackageTests = {}) {
  return defineConfig({
    test: {
      include: ["src/**/*.test.ts", "test/**/*.test.ts"],
      // Generous: a test that takes 2 s on a quiet machine took over 10 s beside six other sessions
      // (load 25). The limit is there to end a hang, not to time anything (the bench does that).
      testTimeout: 60_000,
      hookTimeout: 60_000,
      // Files of one package share a worker's module cache instead of importing the kit, drizzle,
      // zod and nats afresh for every file: that import was most of the suites' CPU (referrals:
      // 37 s of user time isolated, 14 s shared). Every test builds its own app, database and
      // servers, so nothing a test relies on lives in module state.
      isolate: false,
      ...options,
    },
  });
}
