import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { devSecrets } from "./dev-secrets.js";

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
});
