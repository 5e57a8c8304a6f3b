import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { devSecrets, NATS_USERS, natsLogin, natsServerPasswords } from "./dev-secrets.js";

describe("the development secrets", () => {
  const dirs: string[] = [];
  const dir = () => {
    const d = mkdtempSync(join(tmpdir(), "relais-dev-secrets-"));
    dirs.push(d);
    return d;
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it("gives nats-server a JS_KEY it can read: never starting with a digit or a sign", () => {
    for (let i = 0; i < 50; i++) expect(devSecrets(dir()).JS_KEY).toMatch(/^[A-Za-z][A-Za-z0-9_-]{40,}$/);
  });

  it("replaces a JS_KEY an earlier version wrote with a leading digit, and keeps the other secrets", () => {
    const d = dir();
    const first = devSecrets(d);
    const file = join(d, "dev-secrets.json");
    writeFileSync(file, JSON.stringify({ ...first, JS_KEY: "7nQ-old" }));
    const again = devSecrets(d);
    expect(again.JS_KEY).toMatch(/^[A-Za-z]/);
    expect(again.DATA_KEY).toBe(first.DATA_KEY);
    expect(JSON.parse(readFileSync(file, "utf8")).JS_KEY).toBe(again.JS_KEY);
  });

  it("gives each service its own NATS password, the one nats-server is given for its user", () => {
    const secrets = devSecrets(dir());
    const server = natsServerPasswords(secrets);
    const logins = NATS_USERS.map((service) => natsLogin(secrets, service));
    expect(new Set(logins.map((l) => l.NATS_PASSWORD)).size).toBe(NATS_USERS.length);
    for (const [i, service] of NATS_USERS.entries()) {
      expect(logins[i]).toEqual({
        NATS_USER: service,
        NATS_PASSWORD: server[`NATS_${service.toUpperCase()}_PASSWORD`],
      });
      expect(logins[i]!.NATS_PASSWORD).toMatch(/^[A-Za-z][A-Za-z0-9_-]{30,}$/);
    }
    expect(natsLogin(secrets, "console")).toEqual({});
  });
});
