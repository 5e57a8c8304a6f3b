// The coordinator's screens (issue 14) in a real browser against the real stack: finding an overdue
// task and dispatching the coordinators' queue to a team that then sees the task; editing a route,
// registering a zone's webhook and seeing a test delivery reach a local receiver; a dead letter made
// on the bus and replayed; who viewed a referral, a refused attempt by another team included. In
// French with axe on every screen; Dutch, English and an iPad (touch) see one screen each.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import { connectBus } from "@relais/bus";
import { createLogger } from "@relais/service-kit";
import { freePort } from "@relais/testing";
import { type BrowserContext, devices, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  frenchRun,
  messages,
  press,
  type Run,
  SCREENS,
  screen,
  screenshotOnly,
  useBrowserStack,
  visible,
} from "./browser.js";
import { startBrowserStack } from "./stack.js";

const FR = frenchRun("coord-fr", SCREENS.desk);
const FR_STATE = screenshotOnly(FR);
const t = messages("fr");
const VICTIMS = "vif-ment-fini-victims";

let receiver: Server;
let receiverUrl: string;
const received: Array<{ headers: IncomingMessage["headers"]; body: string }> = [];

beforeAll(async () => {
  const port = await freePort();
  receiver = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => {
      body += chunk;
    });
    request.on("end", () => {
      received.push({ headers: request.headers, body });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(port, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${port}/relais-hook`;
});
afterAll(async () => {
  await new Promise((resolve) => receiver?.close(resolve));
});
// Low risk is due within seconds here, so a task falls overdue while the test watches.
// Housing and conferences too: the dead letters and the audit trail are every service's.
const live = useBrowserStack(() =>
  startBrowserStack({}, { referrals: { SLA_LOW_HOURS: "0.0005" } }, { housing: true, conferences: true }),
);

/** A person who needs no screen: signed in through the console's own routes, calling as the screens do. */
async function apiPerson(
  context: BrowserContext,
  person: { name: string; roles: string[]; teams: string[]; zone?: string },
) {
  const headers = { Origin: live.stack.consoleUrl };
  const signedIn = await context.request.post(`${live.stack.consoleUrl}/auth/dev/sign-in`, {
    headers,
    data: { org: "org-dev", ...person },
  });
  expect(signedIn.status()).toBe(201);
  const { csrfToken } = (await signedIn.json()) as { csrfToken: string };
  return async (method: string, path: string, body?: unknown) => {
    const response = await context.request.fetch(`${live.stack.consoleUrl}${path}`, {
      method,
      headers: { ...headers, "X-CSRF-Token": csrfToken, "Idempotency-Key": randomUUID() },
      ...(body === undefined ? {} : { data: body }),
    });
    // biome-ignore lint/suspicious/noExplicitAny: test bodies are inspected field by field
    return { status: response.status(), body: (await response.json().catch(() => null)) as any };
  };
}

/** A call through the console's API as the signed-in person, as a screen would make it. */
async function api(page: Page, method: string, path: string, body?: unknown) {
  return page.evaluate(
    async ({ method, path, body }) => {
      const session = (await (await fetch("/auth/session")).json()) as { csrfToken: string };
      const response = await fetch(path, {
        method,
        headers: {
          "Content-Type": "application/json",
          "X-CSRF-Token": session.csrfToken,
          "Idempotency-Key": crypto.randomUUID(),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      // biome-ignore lint/suspicious/noExplicitAny: test bodies are inspected field by field
      return { status: response.status, body: (await response.json().catch(() => null)) as any };
    },
    { method, path, body },
  );
}

function referral(reference: string, municipality: string, riskLevel: "low" | "high", withAuthor: boolean) {
  const person = (role: "victim" | "author", phone: string) => ({
    role,
    displayName: role === "victim" ? "Amélie Testeuse" : "Bernard Testeur",
    consent: true,
    language: "fr",
    contact: { phone },
    preferences: { channels: ["phone"], voicemailAllowed: false },
  });
  return {
    policeZone: "5277",
    incidentReference: reference,
    incidentAt: new Date(Date.now() - 3_600_000).toISOString(),
    kind: "partner",
    riskLevel,
    childrenPresent: false,
    municipality,
    persons: withAuthor
      ? [person("victim", "+32470111111"), person("author", "+32470222222")]
      : [person("victim", "+32470333333")],
  };
}

/** Presses Refresh until the locator shows (the lists refresh themselves more slowly). */
async function untilVisible(
  page: Page,
  locator: ReturnType<Page["getByRole"]>,
  refresh = t("common.refresh"),
) {
  for (let i = 0; i < 20; i++) {
    if (await locator.isVisible()) return;
    await page.getByRole("button", { name: refresh }).first().click();
    await page.waitForTimeout(500);
  }
  await visible(locator, 2_000);
}

const coordinatorLink = (page: Page, name: string) =>
  page.getByRole("navigation", { name: t("oversight.navLabel") }).getByRole("link", { name });

describe("the coordinator", () => {
  const reference = `LI.55.L1.C${Date.now() % 100000}/26`;
  let unroutedId = "";

  it("finds an overdue task, gives the coordinators' queue to a team, and sees who viewed the referral", async () => {
    const police = await live.browser.newContext();
    const officer = await apiPerson(police, {
      name: "Officer Dubois",
      roles: ["police"],
      teams: [],
      zone: "5277",
    });
    const seraing = await officer(
      "POST",
      "/api/referrals/v1/referrals",
      referral(`${reference}-S`, "Seraing", "low", true),
    );
    expect(seraing.status).toBe(201);
    const arlon = await officer(
      "POST",
      "/api/referrals/v1/referrals",
      referral(reference, "Arlon", "high", false),
    );
    expect(arlon.status).toBe(201);
    unroutedId = arlon.body.id;
    await police.close();

    const context = await live.browser.newContext({ ...FR.context, locale: "fr-BE" });
    const page = await live.signIn(context, FR, "Coordinator");
    await press(page.getByRole("link", { name: t("nav.coordination") }), false);
    await visible(page.getByRole("heading", { name: t("oversight.title") }));
    // The low-risk tasks' deadline passes within seconds: the victim team's overdue count shows it.
    const victims = page.getByRole("row").filter({ hasText: VICTIMS });
    const overdue = victims.getByRole("cell").nth(3);
    for (let i = 0; i < 20 && (await overdue.textContent().catch(() => "")) !== "1"; i++) {
      await page.getByRole("button", { name: t("common.refresh") }).click();
      await page.waitForTimeout(500);
    }
    expect(await overdue.textContent()).toBe("1");
    await screen(page, FR, "c01-oversight");
    await press(victims.getByRole("link", { name: VICTIMS }), false);
    await visible(page.getByRole("heading", { name: t("oversight.teamTasksTitle", { team: VICTIMS }) }));
    await visible(page.getByRole("cell", { name: t("oversight.overdueBadge") }).first());
    expect(await page.title()).toBe("Relais");
    await screen(page, FR, "c02-team-tasks");

    await press(coordinatorLink(page, t("escalations.title")), false);
    await visible(page.getByRole("heading", { name: t("escalations.title") }));
    await visible(page.getByRole("row").filter({ hasText: VICTIMS }).getByText(t("escalations.overdue")));
    await screen(page, FR, "c03-escalations");

    // The coordinators' queue: Arlon has no route. Add one from here (the same team twice is
    // refused before saving), then give the waiting task to the Seraing victim team.
    await press(coordinatorLink(page, t("oversight.unroutedTitle")), false);
    const queue = page.getByRole("list", { name: t("oversight.unroutedTitle") });
    await visible(
      queue.getByRole("heading", {
        name: t("oversight.unroutedTask", { n: 1, role: t("personRole.victim"), municipality: "Arlon" }),
      }),
    );
    await press(
      page.getByRole("button", { name: t("oversight.addRoute", { municipality: "Arlon" }) }),
      false,
    );
    const form = page.getByRole("form", { name: t("routing.formTitle", { municipality: "Arlon" }) });
    const teams = form.getByRole("textbox", { name: t("routing.team"), exact: true });
    await teams.nth(0).fill("arlon-victims");
    await teams.nth(1).fill("arlon-victims");
    await visible(form.getByText(t("routing.sameTeam")));
    expect(await form.getByRole("button", { name: t("routing.save") }).isDisabled()).toBe(true);
    await screen(page, FR, "c04-unrouted-route-same-team");
    await teams.nth(1).fill("arlon-authors");
    await press(form.getByRole("button", { name: t("routing.save") }), false);
    await visible(page.getByText(t("routing.saved", { municipality: "Arlon" })));
    const team = page.getByRole("combobox", { name: t("oversight.assignTeam", { n: 1 }) });
    await team.fill(VICTIMS);
    await team.press("Escape");
    await press(page.getByRole("button", { name: t("oversight.assignLabel", { n: 1 }) }), false);
    await visible(page.getByText(t("oversight.assigned", { team: VICTIMS })));
    await visible(page.getByText(t("oversight.unroutedEmpty")));
    await screen(page, FR_STATE, "c05-unrouted-assigned");

    // The team sees it in its queue; it reads the referral. The author team tries to and is refused.
    const camilleContext = await live.browser.newContext({ ...FR.context, locale: "fr-BE" });
    const camille = await live.signIn(camilleContext, FR, "Camille (victim support)");
    const camilleQueue = camille.getByRole("list", { name: t("queue.title") });
    await visible(camilleQueue);
    await visible(camilleQueue.getByRole("listitem").filter({ hasText: t("risk.high") }));
    expect(await camilleQueue.getByRole("listitem").count()).toBe(2);
    expect((await api(camille, "GET", `/api/referrals/v1/referrals/${unroutedId}`)).status).toBe(200);
    await camilleContext.close();
    const janContext = await live.browser.newContext();
    const jan = await apiPerson(janContext, {
      name: "Jan (author intake)",
      roles: ["caseworker"],
      teams: ["vif-ment-fini-authors"],
    });
    expect((await jan("GET", `/api/referrals/v1/referrals/${unroutedId}`)).status).toBe(404);
    await janContext.close();

    await press(coordinatorLink(page, t("lookup.title")), false);
    await page.getByRole("textbox", { name: t("lookup.reference") }).fill(reference.toLowerCase());
    await press(page.getByRole("button", { name: t("lookup.search") }), false);
    const result = page.getByRole("region", { name: t("lookup.result", { reference }) });
    await visible(result);
    await visible(result.getByRole("cell", { name: VICTIMS }));
    expect(await page.getByRole("main").textContent()).not.toContain("Amélie");
    await screen(page, FR, "c06-lookup");

    await press(result.getByRole("link", { name: t("lookup.whoViewed") }), false);
    await visible(page.getByRole("heading", { name: t("audit.title") }));
    const denied = page.getByRole("row").filter({ hasText: "dev-jan-author-intake" });
    await visible(denied.getByText(t("audit.deniedStatus", { status: 404 })));
    const viewed = page.getByRole("row").filter({ hasText: "dev-camille-victim-support" });
    await visible(viewed.getByText(t("audit.action.referral.read")));
    // The record is named in French ("Signalement"), not by its code.
    await visible(viewed.getByRole("cell", { name: `${t("audit.record.referral")} ${unroutedId}` }));
    expect(await denied.textContent()).not.toContain(`referrals ${unroutedId}`);
    await visible(
      page
        .getByRole("row")
        .filter({ hasText: "dev-coordinator" })
        .getByText(t("audit.action.referral.lookup")),
    );
    expect(page.url()).not.toContain(reference);
    await screen(page, FR, "c07-audit");
    const download = page.waitForEvent("download");
    await press(page.getByRole("link", { name: t("audit.exportCsv") }), false);
    const csv = readFileSync((await (await download).path())!, "utf8");
    expect(csv.split("\r\n")[0]).toBe(
      "at,service,outcome,actor,roles,action,recordType,recordId,status,route",
    );
    expect(csv).toContain(
      `denied,dev-jan-author-intake,caseworker,access.denied,referrals,${unroutedId},404`,
    );
    expect(
      await page.evaluate("JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage })"),
    ).toBe("{}{}");
    await context.close();
  });

  it("edits a route, registers a webhook, sees a test delivery arrive, and replays a dead letter", async () => {
    const context = await live.browser.newContext({ ...FR.context, locale: "fr-BE" });
    const page = await live.signIn(context, FR, "Coordinator");
    await page.goto(`${live.stack.consoleUrl}/coordination/routing`);
    await visible(page.getByRole("heading", { name: t("routing.title") }));
    await page.getByRole("textbox", { name: t("routing.filter") }).fill("seraing");
    await press(
      page.getByRole("button", { name: t("routing.editLabel", { municipality: "Seraing" }) }),
      false,
    );
    const form = page.getByRole("form", { name: t("routing.formTitle", { municipality: "Seraing" }) });
    await form
      .getByRole("textbox", { name: t("routing.teamEmail") })
      .first()
      .fill("victimes.seraing@cpas.example");
    await screen(page, FR, "c08-route-edit");
    await press(form.getByRole("button", { name: t("routing.save") }), false);
    await visible(page.getByText(t("routing.saved", { municipality: "Seraing" })));
    await visible(page.getByRole("row").filter({ hasText: "victimes.seraing@cpas.example" }));
    await screen(page, FR_STATE, "c09-routing");

    await press(coordinatorLink(page, t("zones.title")), false);
    await visible(page.getByRole("rowheader", { name: "5277" }));
    await page.getByRole("textbox", { name: t("zones.url") }).fill(receiverUrl);
    await press(page.getByRole("button", { name: t("zones.register", { zone: "5277" }) }), false);
    await visible(page.getByText(t("zones.secretOnce")));
    await press(page.getByRole("button", { name: t("zones.sendTest", { zone: "5277" }) }), false);
    const log = page.getByRole("table", { name: t("zones.deliveriesTitle", { zone: "5277" }) });
    const testRow = log.getByRole("row").filter({ hasText: t("zones.kindTest") });
    await visible(testRow.getByText(t("zones.status.delivered")));
    await visible(testRow.getByText(/HTTP 204/));
    const test = received.find((r) => r.body.includes("webhook.test"));
    expect(JSON.parse(test!.body)).toMatchObject({ type: "webhook.test", data: { zone: "5277" } });
    expect(test!.headers["webhook-signature"]).toMatch(/^v1,/);
    await screen(page, FR, "c10-zones");

    // An event that fails its schema, as an outdated producer would send it, onto the real bus.
    const bus = connectBus({
      servers: live.stack.natsUrl,
      name: "browser-test",
      logger: createLogger({ name: "t", level: "silent" }),
    });
    const eventId = randomUUID();
    await (await bus.jetstream()).publish(
      "referrals.callback.opened",
      JSON.stringify({
        type: "referrals.callback.opened",
        id: eventId,
        orgId: "org-dev",
        data: { taskId: 7 },
      }),
    );
    await bus.close();
    await press(coordinatorLink(page, t("deadLetters.title")), false);
    const notifications = page.getByRole("region", {
      name: t("deadLetters.service", { service: t("deadLetters.services.notifications") }),
    });
    const letter = notifications.getByRole("listitem").filter({ hasText: "referrals.callback.opened" });
    await untilVisible(page, letter.first());
    await visible(letter.getByText(/event fails its schema/));
    // Closed until opened: the event itself is not on the screen.
    expect(await letter.textContent()).not.toContain(eventId);
    await screen(page, FR_STATE, "c11-dead-letters");
    await press(letter.getByRole("button", { name: t("deadLetters.open") }), false);
    await visible(letter.getByText(eventId));
    await press(letter.getByRole("button", { name: t("deadLetters.replay") }), false);
    // The event still fails its schema: the replay runs, and says so.
    await visible(letter.getByText(/event fails its schema/).and(letter.getByRole("alert")));
    await screen(page, FR, "c12-dead-letter-replayed");
    // All at once: up to the newest the screen shows; this one fails again, and the screen says so.
    await press(notifications.getByRole("button", { name: t("deadLetters.replayAll") }), false);
    await visible(notifications.getByText(t("deadLetters.replayedAll", { replayed: 0, failed: 1 })));
    // Every service's dead letters are on the screen: housing (which also records which team
    // follows which person) gave up on the same event; conferences never read it.
    const region = (service: "housing" | "conferences") =>
      page.getByRole("region", {
        name: t("deadLetters.service", { service: t(`deadLetters.services.${service}`) }),
      });
    await visible(
      region("housing").getByRole("listitem").filter({ hasText: "referrals.callback.opened" }).first(),
    );
    await visible(region("conferences").getByText(t("deadLetters.none")));
    // A service that joined late learns the call-back tasks: referrals announces them again.
    const announcement = page.getByRole("region", { name: t("deadLetters.announce.title") });
    await press(announcement.getByRole("button", { name: t("deadLetters.announce.submit") }), false);
    const announced = announcement.getByRole("status");
    await visible(announced);
    expect(await announced.textContent()).toMatch(
      /^Annoncé : \d+ tâches? ouvertes? et \d+ clôturées? ces 30 derniers jours\.$/,
    );
    await screen(page, FR, "c12b-task-announcement");

    await press(coordinatorLink(page, t("deliveryLog.title")), false);
    await visible(page.getByRole("heading", { name: t("deliveryLog.title") }));
    await visible(page.getByRole("cell", { name: t("deliveryLog.templates.callback_due") }).first());
    // No address, no text: the recipients (the teams' mailboxes) are not on the screen.
    expect(await page.getByRole("main").textContent()).not.toContain("@teams.relais.example");
    await screen(page, FR, "c13-delivery-log");

    await press(coordinatorLink(page, t("audit.title")), false);
    await visible(page.getByRole("row").filter({ hasText: t("audit.action.dead_letter.read") }));
    await screen(page, FR_STATE, "c14-audit-retention");
    // One service down: the others' trail stays on the screen, and the screen says whose is missing.
    await live.stack.stopService("conferences");
    await press(coordinatorLink(page, t("deliveryLog.title")), false);
    await press(coordinatorLink(page, t("audit.title")), false);
    await visible(page.getByText(t("audit.partial", { services: t("deadLetters.services.conferences") })));
    await visible(page.getByRole("row").filter({ hasText: t("audit.action.dead_letter.read") }));
    await screen(page, FR, "c14b-audit-one-service-down");
    await context.close();
  });

  it.each<Run>([
    { name: "coord-nl", language: "nl", context: SCREENS.desk, axe: false },
    { name: "coord-en", language: "en", context: SCREENS.desk, axe: false },
    { name: "coord-ipad", language: "fr", context: { ...devices["iPad (gen 7)"] }, axe: false },
  ])("shows the call-back times in $name", async (run) => {
    const m = messages(run.language);
    const touch = Boolean(run.context.hasTouch);
    const context = await live.browser.newContext({ ...run.context, locale: run.language });
    const page = await live.signIn(context, run, "Coordinator");
    await press(page.getByRole("link", { name: m("nav.coordination") }), touch);
    await visible(page.getByRole("heading", { name: m("oversight.title") }));
    await visible(page.getByRole("columnheader", { name: m("oversight.p90") }));
    await press(page.getByRole("link", { name: VICTIMS }), touch);
    await visible(page.getByRole("heading", { name: m("oversight.teamTasksTitle", { team: VICTIMS }) }));
    await screen(page, run, "c01-team-tasks");
    await context.close();
  });
});
