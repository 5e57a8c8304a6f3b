// A reader's verb context: police invitees are matched on their zone claim too.
import { type AppEnv, verbContext, zoneOf } from "@relais/service-kit";
import type { Context } from "hono";
import type { ReadContext } from "../actions/deps.js";
import type { AppDeps } from "../app.js";

export function readerContext(c: Context<AppEnv>, deps: AppDeps): ReadContext {
  return { ...verbContext(c, deps), zone: zoneOf(c) };
}
