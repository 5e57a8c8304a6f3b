// The facilitators' and programme staff's console (issue 13), in a real browser against the real
// stack, on an iPad with touch: in French with axe on every screen (landscape, and portrait for
// attendance), then one screen each in Dutch and English. What a test needs that is not the
// screen under test is seeded through the services' own APIs, never their databases.
import { randomUUID } from "node:crypto";
import { mintToken } from "@relais/testing";
import { type Browser, type BrowserContext, devices, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, messages, press, type Run, screen, tick, visible } from "./browser.js";
import { type BrowserStack, startBrowserStack } from "./stack.js";

const FR: Run = { name: "fr", language: "fr", context: { ...devices["iPad (gen 7) landscape"] }, axe: true };
const PORTRAIT: Run = {
  name: "fr-portrait",
  language: "fr",
  context: { ...devices["iPad (gen 7)"] },
  axe: true,
};
const t = messages("fr");
const ORG = "org-dev";
const ANNE = { name: "Anne (facilitator)", sub: "dev-anne-facilitator", roles: ["facilitator"] };
const MARC = { name: "Marc (programme staff)", sub: "dev-marc-programme-staff", roles: ["programme_staff"] };

let stack: BrowserStack;
let browser: Browser;
beforeAll(async () => {
  [stack, browser] = await Promise.all([startBrowserStack(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

type Service = "groups" | "referrals" | "notifications";
interface Caller {
  sub: string;
  roles: string[];
  teams?: string[];
  zone?: string;
}

/** A call to a service as a person of the dev organisation, as the console would make it. */
async function api<T = Record<string, unknown>>(
  service: Service,
  method: string,
  path: string,
  caller: Caller,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const token = await mintToken({
    sub: caller.sub,
    roles: caller.roles as never,
    org: ORG,
    claims: { teams: caller.teams ?? [], ...(caller.zone ? { zone: caller.zone } : {}) },
  });
  const response = await fetch(`${stack.urls[service]}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
      ...(method === "POST" ? { "idempotency-key": randomUUID() } : {}),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json().catch(() => null)) as T };
}

async function signIn(context: BrowserContext, person: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${stack.consoleUrl}/`);
  await visible(page.getByRole("heading", { name: t("signIn.devTitle") }));
  await page.getByRole("button", { name: t("signIn.as", { name: person }) }).tap();
  await visible(page.getByRole("button", { name: t("nav.signOut") }));
  return page;
}

const tap = (locator: ReturnType<Page["getByRole"]>) => press(locator, true);

describe("facilitators and programme staff on an iPad", () => {
  let groupId: string;

  it("creates a weekly group across the spring DST change: preview and sessions keep 18:00", async () => {
    const context = await browser.newContext({ ...FR.context, locale: "fr-BE" });
    const page = await signIn(context, ANNE.name);
    await visible(page.getByRole("heading", { name: t("groups.title") }));
    await screen(page, FR, "groups-01-my-groups-empty");
    await tap(page.getByRole("link", { name: t("groups.new") }));
    await visible(page.getByRole("heading", { name: t("groups.newTitle") }));

    const name = page.getByRole("textbox", { name: t("groups.publicName") });
    expect(await name.inputValue()).toBe(t("groups.defaultName"));
    await page.getByRole("textbox", { name: t("groups.municipality") }).fill("Liège");
    await page.getByRole("spinbutton", { name: t("groups.capacity") }).fill("3");
    await page.getByRole("textbox", { name: t("groups.address") }).fill("Rue Féronstrée 10, 4000 Liège");
    await tick(page.getByRole("radio", { name: t("groups.admission.rolling") }));
    // Tuesdays at 18:00 is the default; six of them from 9 March 2027 cross 28 March.
    await page.getByLabel(t("schedule.firstDate")).fill("2027-03-09");
    await page.getByLabel(t("schedule.startTime")).fill("18:00");
    await page.getByRole("spinbutton", { name: t("schedule.count") }).fill("6");

    const preview = page.getByRole("list", { name: t("schedule.preview") }).getByRole("listitem");
    await expect.poll(() => preview.count()).toBe(6);
    const lines = await preview.allInnerTexts();
    for (const line of lines) expect(line).toContain("18:00");
    expect(lines.slice(0, 3).every((l) => l.includes("UTC+1"))).toBe(true);
    expect(lines.slice(3).every((l) => l.includes("UTC+2"))).toBe(true);
    expect(lines[3]).toContain(t("schedule.dstChange", { time: "18:00" }));
    expect(lines[0]).toContain("9 mars 2027");
    expect(lines[3]).toContain("30 mars 2027");
    await screen(page, FR, "groups-02-new-group-preview");

    await tap(page.getByRole("button", { name: t("groups.create") }));
    await visible(page.getByRole("heading", { name: t("groups.defaultName") }));
    groupId = new URL(page.url()).pathname.split("/")[2]!;
    const rows = page.getByRole("table", { name: t("sessions.listTitle") }).getByRole("row");
    await expect.poll(() => rows.count()).toBe(7);
    const sessions = (await rows.allInnerTexts()).slice(1);
    for (const row of sessions) expect(row).toContain("18:00–20:00");
    expect(sessions[0]).toContain("9 mars 2027");
    expect(sessions[3]).toContain("30 mars 2027");
    await screen(page, FR, "groups-03-group-sessions");

    // The service agrees: 17:00Z before the change, 16:00Z after.
    const listed = await api<{ items: Array<{ startsAt: string }> }>(
      "groups",
      "GET",
      `/v1/groups/${groupId}/sessions`,
      ANNE,
    );
    expect(listed.body.items.map((s) => new Date(s.startsAt).toISOString().slice(11, 16))).toEqual([
      "17:00",
      "17:00",
      "17:00",
      "16:00",
      "16:00",
      "16:00",
    ]);
    await tap(page.getByRole("link", { name: t("groups.nav") }).first());
    const row = page.getByRole("row").filter({ hasText: t("groups.defaultName") });
    await visible(row);
    expect(await row.innerText()).toContain(t("groups.seatsValue", { taken: 0, capacity: 3 }));
    await screen(page, FR, "groups-04-my-groups");
    await context.close();
  });
});
