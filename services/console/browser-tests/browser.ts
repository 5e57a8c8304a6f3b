// Debian's chromium driven by playwright-core, and what every screen gets: an axe check (no
// serious or critical violation) and a screenshot under test-results/ (git-ignored) for review.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { waitFor } from "@relais/testing";
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  devices,
  type Locator,
  type Page,
} from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
import { en, fr, nl } from "../web/src/i18n/catalogues";
import { type BrowserStack, startBrowserStack } from "./stack.js";

export const SCREENSHOTS = join(import.meta.dirname, "../test-results/screenshots");
mkdirSync(SCREENSHOTS, { recursive: true });

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: process.getuid?.() === 0 ? ["--no-sandbox"] : [],
  });
}

export type Language = "fr" | "nl" | "en";
type Id = keyof typeof en;
const CATALOGUES: Record<Language, Record<string, string>> = { fr, nl, en };

/** A message as the person reads it; `{placeholders}` replaced, plural blocks left to the caller. */
export function messages(language: Language) {
  return (id: Id, values: Record<string, string | number> = {}) => {
    let text = CATALOGUES[language][id] ?? "";
    for (const [key, value] of Object.entries(values)) text = text.replaceAll(`{${key}}`, String(value));
    return text;
  };
}

/** What screens show while their data loads (`common.loading`, `criticality.loading`, …). */
function loadingTexts(language: Language): string[] {
  return Object.entries(CATALOGUES[language])
    .filter(([id]) => /(^|\.)loading$/.test(id))
    .map(([, text]) => text);
}

export interface Run {
  name: string;
  language: Language;
  context: BrowserContextOptions;
  axe: boolean;
}

/** The screens the runs use; iPads at their CSS size (one device pixel per CSS pixel keeps the
 * screenshots quick to encode), in Belgian French. */
export const SCREENS = {
  desk: { viewport: { width: 1280, height: 900 } },
  ipad: { ...devices["iPad (gen 7)"], deviceScaleFactor: 1, locale: "fr-BE" },
  ipadLandscape: { ...devices["iPad (gen 7) landscape"], deviceScaleFactor: 1, locale: "fr-BE" },
} satisfies Record<string, BrowserContextOptions>;

/** A run in French with axe on every screen. */
export function frenchRun(name: string, context: BrowserContextOptions): Run {
  return { name, language: "fr", context, axe: true };
}

/** A further state of a screen axe has already checked in `run`: its screenshot only. */
export function screenshotOnly(run: Run): Run {
  return { ...run, axe: false };
}

/** Checks a screen with axe (when the run asks for it) and saves its screenshot. */
export async function screen(page: Page, run: Run, name: string) {
  await page.waitForLoadState("networkidle").catch(() => {});
  // A lazy screen can fetch after the network went quiet: the picture waits for its data (up to
  // 10 s; a screen still loading then is pictured as it is, for review).
  await page
    .waitForFunction(
      // A string, run in the page: these tests are compiled without the DOM's types.
      `!${JSON.stringify(loadingTexts(run.language))}.some((text) => document.body.innerText.includes(text))`,
      undefined,
      { polling: 100, timeout: 10_000 },
    )
    .catch(() => {});
  await page.screenshot({ path: join(SCREENSHOTS, `${run.name}-${name}.png`), fullPage: true });
  if (!run.axe) return;
  // React Aria's visually hidden live announcer points at labels it has already removed
  // (role=img + aria-labelledby by design); nothing a person sees or reads.
  // Only violations are judged, so only they are gathered in full (axe's own advice for speed).
  const result = await new AxeBuilder({ page })
    .exclude("[data-live-announcer]")
    .options({ resultTypes: ["violations"] })
    .analyze();
  const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(
    bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`),
    `axe on ${name}`,
  ).toEqual([]);
}

export const visible = (locator: Locator, timeout = 20_000) => locator.waitFor({ state: "visible", timeout });

/** A press as the device makes it: a tap on touch screens, a click elsewhere. */
export async function press(locator: Locator, touch: boolean) {
  if (touch) await locator.tap();
  else await locator.click();
}

/**
 * React Aria hides the real input behind its label; check it the way a person does, on the label.
 * A press that lands while the dialog re-renders can be lost (CI once lost one beside the bench),
 * so a person would press again: so does this, until the input reads checked.
 */
export async function tick(locator: Locator) {
  const label = locator.locator("xpath=ancestor::label[1]");
  for (let press = 0; press < 5; press++) {
    if (await locator.isChecked()) return;
    await label.click();
    await waitFor(() => locator.isChecked(), { timeoutMs: 3_000, message: "the tick" }).catch(
      () => undefined,
    );
  }
  if (!(await locator.isChecked())) throw new Error("five presses on the label left the choice unticked");
}

/** The runs of a file that `BROWSER_RUNS=fr,ipad` asks for (all of them when it is not set). */
export function selectedRuns(runs: Run[]): Run[] {
  const only = process.env.BROWSER_RUNS?.split(",");
  return only ? runs.filter((r) => only.includes(r.name)) : runs;
}

/** Signs in on the dev sign-in page, picking the run's language first (the session keeps it). */
export async function signInAs(
  consoleUrl: string,
  context: BrowserContext,
  run: Run,
  person: string,
): Promise<Page> {
  const t = messages(run.language);
  const touch = Boolean(run.context.hasTouch);
  const page = await context.newPage();
  await page.goto(`${consoleUrl}/`);
  await visible(page.getByRole("button", { name: "NL", exact: true }));
  await press(page.getByRole("button", { name: run.language.toUpperCase(), exact: true }), touch);
  await visible(page.getByRole("heading", { name: t("signIn.devTitle") }));
  await press(page.getByRole("button", { name: t("signIn.as", { name: person }) }), touch);
  await visible(page.getByRole("button", { name: t("nav.signOut") }));
  expect(await page.title()).toBe("Relais");
  return page;
}

/** A file's stack and browser, and the dev sign-in on its console. */
export interface BrowserSession {
  readonly stack: BrowserStack;
  readonly browser: Browser;
  /** `signInAs` on this stack's console. */
  signIn(context: BrowserContext, run: Run, person: string): Promise<Page>;
}

/**
 * Starts the stack (by `start`, read when the file's tests begin) and the browser before a file's
 * tests and stops both after them. Hooks the file registers after this call run after the start
 * and before the stop.
 */
export function useBrowserStack(
  start: () => Promise<BrowserStack> = () => startBrowserStack(),
): BrowserSession {
  let stack: BrowserStack | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    const [started, launched] = await Promise.allSettled([start(), launchBrowser()]);
    if (started.status === "fulfilled") stack = started.value;
    if (launched.status === "fulfilled") browser = launched.value;
    for (const result of [started, launched]) if (result.status === "rejected") throw result.reason;
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });
  const session: BrowserSession = {
    get stack() {
      if (!stack) throw new Error("the browser stack is not started (used outside the file's tests?)");
      return stack;
    },
    get browser() {
      if (!browser) throw new Error("the browser is not launched (used outside the file's tests?)");
      return browser;
    },
    signIn: (context, run, person) => signInAs(session.stack.consoleUrl, context, run, person),
  };
  return session;
}
