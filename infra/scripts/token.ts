// `pnpm token --role caseworker --team vif-ment-fini-victims`: prints a development bearer token,
// signed with the same secret as `pnpm start` (JWT_SECRET, else RELAIS_DATA_DIR's dev secrets).
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { Role } from "@relais/contracts";
import { DEFAULT_MAX_TOKEN_LIFETIME_SECONDS, signDevToken } from "@relais/service-kit";
import { devSecrets } from "./dev-secrets.js";

const USAGE = `usage: pnpm token --role <${Role.options.join("|")}> [--role …] [--org ORG] [--sub SUBJECT]
                  [--zone ZONE] [--team TEAM …] [--teams TEAM,TEAM] [--expires 12h]

  --zone   a police token's zone (referrals shows it the status of its own zone's referrals)
  --team   a caseworker's call-back team (repeat it, or --teams a,b); without one the queue is 403
  --expires  at most JWT_MAX_LIFETIME seconds (default 12 h): services refuse longer tokens`;

const { values } = parseArgs({
  options: {
    role: { type: "string", multiple: true },
    org: { type: "string", default: "org-dev" },
    sub: { type: "string" },
    zone: { type: "string" },
    team: { type: "string", multiple: true },
    teams: { type: "string" },
    expires: { type: "string", default: "12h" },
    help: { type: "boolean", short: "h" },
  },
});

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

if (values.help) fail(USAGE);
const roles = (values.role ?? []).map((role) => Role.safeParse(role));
if (roles.length === 0 || roles.some((r) => !r.success)) fail(USAGE);

const SPAN = /^(\d+)\s*([smhd])$/;
const UNIT: Record<string, number> = { s: 1, m: 60, h: 3_600, d: 86_400 };
const span = SPAN.exec(values.expires!.trim());
if (!span) fail(`--expires "${values.expires}" is not like 90s, 15m, 12h\n\n${USAGE}`);
const lifetime = Number(span[1]) * UNIT[span[2]!]!;
const maxLifetime = Number(process.env.JWT_MAX_LIFETIME ?? DEFAULT_MAX_TOKEN_LIFETIME_SECONDS);
if (lifetime > maxLifetime)
  fail(
    `--expires ${values.expires} is longer than JWT_MAX_LIFETIME (${maxLifetime} s): the services would refuse it`,
  );

const teams = [...(values.team ?? []), ...(values.teams?.split(",") ?? [])]
  .map((t) => t.trim())
  .filter(Boolean);
const roleNames = roles.map((r) => r.data!);
if (roleNames.includes("caseworker") && teams.length === 0)
  console.error("note: a caseworker without --team gets 403 on the call-back queue");

// The same data directory `pnpm start` uses, so the token matches the running stack's secret.
const root = resolve(import.meta.dirname, "../..");
const dataDir = process.env.RELAIS_DATA_DIR ? resolve(process.env.RELAIS_DATA_DIR) : join(root, ".data");
const secret = process.env.JWT_SECRET ?? devSecrets(dataDir).JWT_SECRET;

console.log(
  await signDevToken({
    secret,
    org: values.org!,
    sub: values.sub ?? `dev-${roleNames[0]}`,
    roles: roleNames,
    expiresIn: `${lifetime}s`,
    ...(values.zone ? { zone: values.zone } : {}),
    ...(teams.length > 0 ? { teams } : {}),
  }),
);
