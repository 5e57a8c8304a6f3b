// vitest globalSetup: the services' test bundles, built once for the whole run (see
// `shareTestBundles`). The e2e stacks, the browser stacks and the fault tests all spawn them.
import { join, resolve } from "node:path";
import { shareTestBundles } from "./build-service.js";

const root = resolve(import.meta.dirname, "../..");
const SERVICES = ["groups", "referrals", "notifications", "conferences", "housing", "console"];

export default function setup(): Promise<() => void> {
  return shareTestBundles(SERVICES.map((name) => join(root, "services", name)));
}
