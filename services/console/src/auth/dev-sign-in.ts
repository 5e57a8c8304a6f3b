// Development sign-in: pick a role, organisation, teams and police zone. Mounted only when the
// stack runs on the development secret; with OIDC configured these routes do not exist.
import { fieldErrors, Invalid } from "@relais/service-kit";
import { Hono } from "hono";
import type { ConsoleAppEnv } from "../http/console-env.js";
import { type CookiePolicy, writeSessionCookie } from "../session/cookies.js";
import { assertSameOrigin } from "../session/require-session.js";
import type { SessionStore } from "../session/session-store.js";
import { describeSession } from "./session-routes.js";
import { ConsoleUser } from "./user.js";

/** Ready-made people of the local stack (org-dev, the Seraing–Neupré project of the routing seed). */
export const DEV_PEOPLE = [
  { name: "Officer Dubois", org: "org-dev", roles: ["police"], teams: [], zone: "5277" },
  {
    name: "Camille (victim support)",
    org: "org-dev",
    roles: ["caseworker"],
    teams: ["vif-ment-fini-victims"],
  },
  {
    name: "Jan (author intake)",
    org: "org-dev",
    roles: ["caseworker"],
    teams: ["vif-ment-fini-authors"],
  },
  { name: "Coordinator", org: "org-dev", roles: ["coordinator"], teams: [] },
  { name: "Anne (facilitator)", org: "org-dev", roles: ["facilitator"], teams: [] },
  { name: "Marc (programme staff)", org: "org-dev", roles: ["programme_staff"], teams: [] },
  { name: "Inès (emergency housing)", org: "org-dev", roles: ["housing_staff"], teams: [] },
  // A partner of another organisation, invited to the project's case conferences (issue 17).
  { name: "Sophie (parquet de Liège)", org: "org-parquet-liege", roles: ["partner"], teams: [] },
] as const;

const DevSignIn = ConsoleUser.omit({ sub: true });

export function devSignInRoutes(deps: { store: SessionStore; cookies: CookiePolicy; idleMinutes: number }) {
  return new Hono<ConsoleAppEnv>()
    .get("/auth/dev/people", (c) => c.json({ people: DEV_PEOPLE }))
    .post("/auth/dev/sign-in", async (c) => {
      assertSameOrigin(c.req.header("Origin"), c.req.header("Sec-Fetch-Site"), c.req.header("Host") ?? "");
      const parsed = DevSignIn.safeParse(await c.req.json().catch(() => undefined));
      if (!parsed.success) {
        throw new Invalid("Check the sign-in form", fieldErrors(parsed.error, "json"));
      }
      const input = parsed.data;
      // One subject per picked person, so "who holds this task" reads as the person.
      const slug =
        input.name
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, "-")
          .replace(/^-|-$/g, "") || "user";
      const user = { ...input, sub: `dev-${slug}` };
      const { id, session } = await deps.store.create(user);
      writeSessionCookie(c, deps.cookies, id);
      return c.json(describeSession(session, deps.idleMinutes), 201);
    });
}
