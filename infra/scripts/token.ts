// `pnpm token --role police --org org-dev [--sub officer-1]`: prints a development bearer token.
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { Role } from "@relais/contracts";
import { signDevToken } from "@relais/service-kit";
import { devSecrets } from "./dev-secrets.js";

const { values } = parseArgs({
  options: {
    role: { type: "string", multiple: true },
    org: { type: "string", default: "org-dev" },
    sub: { type: "string" },
    expires: { type: "string", default: "12h" },
  },
});

const roles = (values.role ?? []).map((role) => Role.safeParse(role));
if (roles.length === 0 || roles.some((r) => !r.success)) {
  console.error(
    `usage: pnpm token --role <${Role.options.join("|")}> [--role …] [--org ORG] [--sub SUBJECT]`,
  );
  process.exit(2);
}
const secret = process.env.JWT_SECRET ?? devSecrets(resolve(process.cwd(), ".data")).JWT_SECRET;
const roleNames = roles.map((r) => r.data!);
console.log(
  await signDevToken({
    secret,
    org: values.org!,
    sub: values.sub ?? `dev-${roleNames[0]}`,
    roles: roleNames,
    expiresIn: values.expires,
  }),
);
