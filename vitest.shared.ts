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
      testTimeout: 10_000,
      hookTimeout: 30_000,
      ...options,
    },
  });
}
