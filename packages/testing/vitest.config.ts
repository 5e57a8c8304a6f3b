import { testConfig } from "../../vitest.shared";

export default testConfig({ include: ["src/**/*.test.ts"], testTimeout: 30_000 });
