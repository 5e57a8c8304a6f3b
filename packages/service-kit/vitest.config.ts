import { testConfig } from "../../vitest.shared";

export default testConfig({ testTimeout: 20_000 });
