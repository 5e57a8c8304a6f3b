// The one vitest configuration of the packages and services (their vitest.config.ts call it).
import { defineConfig } from "vitest/config";

export interface TestConfigOptions {
  include?: string[];
  /** Real nats-server, SMTP and service processes take seconds to start on a busy machine. */
  testTimeout?: number;
  hookTimeout?: number;
}

export function testConfig(options: TestConfigOptions = {}) {
  return defineConfig({
    test: {
      include: options.include ?? ["src/**/*.test.ts", "test/**/*.test.ts"],
      testTimeout: options.testTimeout ?? 60_000,
      hookTimeout: options.hookTimeout ?? 30_000,
      // Files of one package share a worker's module cache instead of importing the kit, drizzle,
      // zod and nats afresh for every file: that import was most of the suites' CPU (referrals:
      // 37 s of user time isolated, 14 s shared). Every test builds its own app, database and
      // servers, so nothing a test relies on lives in module state.
      isolate: false,
    },
  });
}
