import { packageTests } from "../../vitest.shared.js";

// Tests start real nats-server and SMTP processes.
export default packageTests({ include: ["src/**/*.test.ts"] });
