// OpenID Connect sign-in in a real browser against a mock IdP (oauth2-mock-server): authorization
// code with PKCE, the IdP's claims mapped to a caseworker of one team, and no development picker.
import { OAuth2Server } from "oauth2-mock-server";
import { afterAll, beforeAll, expect, it } from "vitest";
import { frenchRun, messages, SCREENS, screen, useBrowserStack, visible } from "./browser.js";
import { startBrowserStack } from "./stack.js";

const run = frenchRun("oidc", { ...SCREENS.desk, locale: "fr-BE" });
const t = messages("fr");

let idp: OAuth2Server;
const challenges: string[] = [];

beforeAll(async () => {
  idp = new OAuth2Server();
  await idp.issuer.keys.generate("RS256");
  await idp.start(0, "127.0.0.1");
  // The IdP's own vocabulary: a group for the role, a claim for the teams, another for the org.
  idp.service.on("beforeTokenSigning", (token) => {
    token.payload.name = "Sofie (IdP)";
    token.payload.organisation = "org-dev";
    token.payload.groups = ["relais-callback-workers", "unrelated-app-admins"];
    token.payload.relais_teams = ["vif-ment-fini-victims"];
  });
  idp.service.on("beforeAuthorizeRedirect", (_redirect, req) => {
    challenges.push(String(new URL(req.url ?? "", "http://x").searchParams.get("code_challenge_method")));
  });
});
afterAll(async () => {
  await idp?.stop();
});
// After the IdP: the console reads its issuer on start.
const live = useBrowserStack(() =>
  startBrowserStack({
    OIDC_ISSUER: idp.issuer.url!,
    OIDC_CLIENT_ID: "relais-console",
    OIDC_ALLOW_HTTP: "true",
    OIDC_CLAIMS: JSON.stringify({
      orgClaim: "organisation",
      rolesClaim: "groups",
      roleMap: { "relais-callback-workers": "caseworker" },
      teamsClaim: "relais_teams",
    }),
  }),
);

it("signs in through the IdP with PKCE and maps its claims to a caseworker of one team", async () => {
  const context = await live.browser.newContext(run.context);
  const page = await context.newPage();
  await page.goto(`${live.stack.consoleUrl}/`);
  const start = page.getByRole("link", { name: t("signIn.oidc") });
  await visible(start);
  // The development picker does not exist beside OIDC.
  expect(await page.getByRole("heading", { name: t("signIn.devTitle") }).count()).toBe(0);
  expect((await page.request.get(`${live.stack.consoleUrl}/auth/dev/people`)).status()).toBe(404);
  await screen(page, run, "sign-in");
  await start.click();
  await visible(page.getByRole("heading", { name: t("queue.title") }));
  expect(challenges).toEqual(["S256"]);
  await visible(page.getByText("Sofie (IdP)"));
  const session = (await page.evaluate(async () => (await fetch("/auth/session")).json())) as {
    user: { roles: string[]; teams: string[]; org: string };
  };
  expect(session.user).toMatchObject({
    org: "org-dev",
    roles: ["caseworker"],
    teams: ["vif-ment-fini-victims"],
  });
  // The services accept the console's token for this person: the queue answered.
  await visible(page.getByText(t("queue.empty")));
  await screen(page, run, "queue");
  await context.close();
});
