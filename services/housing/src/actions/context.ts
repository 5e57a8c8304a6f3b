// What verbs are given: the service's parts and who asks (the kit's `verbContext`), and for the
// verbs whose visibility depends on the caller's call-back teams, those teams.
import type { VerbContext } from "@relais/service-kit";
import type { AppDeps } from "../app.js";

export type HousingContext = VerbContext<Pick<AppDeps, "database" | "box" | "seal" | "clock" | "settings">>;

/** A call-back worker's context: the teams of their token (`teams` claim). */
export type TeamsContext = HousingContext & { teams: readonly string[] };
