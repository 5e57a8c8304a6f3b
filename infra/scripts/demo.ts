// `pnpm demo`: plays the Relais story (infra/e2e/story.ts) against the stack `pnpm start` runs,
// with the development secret from .data/dev-secrets.json, and prints what each person sees.
// Every run has its own id (Idempotency-Keys, incident and case references), so it can be run
// again and again on the same stack.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import type { Role } from "@relais/contracts";
import { SignJWT } from "jose";
import { runStory, type StoryResult } from "../e2e/story.js";
import { type Mail, mailFolder } from "../e2e/story-mail.js";

const { values } = parseArgs({
  options: {
    "run-id": { type: "string" },
    org: { type: "string", default: process.env.RELAIS_ORG ?? "org-dev" },
  },
});

const root = resolve(import.meta.dirname, "../..");
const dataDir = process.env.RELAIS_DATA_DIR ?? join(root, ".data");
const org = values.org!;
const services = {
  groups: `http://127.0.0.1:${process.env.GROUPS_PORT ?? 3001}`,
  referrals: `http://127.0.0.1:${process.env.REFERRALS_PORT ?? 3002}`,
  notifications: `http://127.0.0.1:${process.env.NOTIFICATIONS_PORT ?? 3003}`,
  housing: `http://127.0.0.1:${process.env.HOUSING_PORT ?? 3005}`,
  conferences: `http://127.0.0.1:${process.env.CONFERENCES_PORT ?? 3004}`,
};

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

function jwtSecret(): string {
  if (process.env.JWT_SECRET) return process.env.JWT_SECRET;
  const file = join(dataDir, "dev-secrets.json");
  if (!existsSync(file))
    fail(`${relative(process.cwd(), file)} is missing: start the stack first with \`pnpm start\`.`);
  return (JSON.parse(readFileSync(file, "utf8")) as { JWT_SECRET: string }).JWT_SECRET;
}

async function ready(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/readyz`)).status === 200;
  } catch {
    return false;
  }
}

for (const [name, url] of Object.entries(services)) {
  if (!(await ready(url)))
    fail(`${name} is not ready at ${url}: start the stack with \`pnpm start\` in another terminal.`);
}

const secret = new TextEncoder().encode(jwtSecret());
// Tokens as a police records system or identity provider would issue them: the zone of the
// officer and the call-back teams of a caseworker ride in claims (services/referrals/README.md).
const token = (role: Role, sub: string, claims: Record<string, unknown> = {}) =>
  new SignJWT({ org, roles: [role], ...claims })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime("1h")
    .sign(secret);

const started = new Date();
const runId =
  values["run-id"] ??
  `demo-${started
    .toISOString()
    .replace(/[-:.TZ]/g, "")
    .slice(0, 14)}`;
const mailDir = process.env.MAIL_DIR ?? join(dataDir, "mail");
// With SMTP_URL the stack hands mail to a server this script cannot read.
const mailbox = process.env.SMTP_URL ? undefined : mailFolder(mailDir, started);

console.log(`Relais demo — run ${runId}, organisation ${org}`);
console.log(
  `groups ${services.groups} · referrals ${services.referrals} · notifications ${services.notifications}`,
);
console.log(mailbox ? `Mail is read from ${relative(process.cwd(), mailDir)}/` : "Mail goes to SMTP_URL.");

let result: StoryResult;
try {
  result = await runStory({
    services,
    runId,
    token,
    mailbox,
    say: (line) => console.log(line),
    timeoutMs: 90_000,
  });
} catch (error) {
  fail(`\nThe story stopped: ${error instanceof Error ? error.message : String(error)}`);
}

// The invites as files a calendar opens, next to the .eml they came in.
const out = join(dataDir, "demo", runId);
const written: string[] = [];
const save = (name: string, mail: Mail | undefined) => {
  if (!mail?.ics) return;
  mkdirSync(out, { recursive: true });
  const path = join(out, name);
  writeFileSync(path, mail.ics.replace(/\n/g, "\r\n"));
  written.push(path);
};
save("laura-peeters-invite.ics", result.victim.invite);
save("kevin-dubois-invite.ics", result.author.invite);
save("parquet-conference-invite.ics", result.conference.invites.parquet);

console.log(`\n── Files ${"─".repeat(71)}`);
if (mailbox) {
  const mails = (await mailbox.list()).sort((a, b) => a.id.localeCompare(b.id));
  console.log(`${mails.length} e-mails written during this run (.eml, open them in any mail client):`);
  for (const mail of mails) {
    console.log(`  ${mail.id}`);
    console.log(`      to ${mail.to.join(", ")}: ${mail.subject}${mail.ics ? "  [+ invite.ics]" : ""}`);
  }
}
for (const path of written) console.log(`  ${relative(process.cwd(), path)}  (calendar invite)`);
console.log(
  `\nDone: referral ${result.referralId} is "${result.police.status}" for the police; ` +
    `${result.police.leaked.length === 0 ? "nothing personal reached them" : `LEAKED: ${result.police.leaked.join(", ")}`}.`,
);
