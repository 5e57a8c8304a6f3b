import type { AppEnv } from "@relais/service-kit";
import type { Session } from "../session/session-store.js";

/** The kit's per-request variables plus the signed-in session, set by `requireSession`. */
export type ConsoleAppEnv = { Variables: AppEnv["Variables"] & { session: Session } };
