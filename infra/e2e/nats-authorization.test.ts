// The bus under infra/nats/authorization.conf, as production runs it: every service logs in as
// itself and the whole flow still goes through (streams, consumers, pulls, acks, the relay's
// publishes); a connection without a user is refused, and a service cannot publish another's
// events. Found by an attacker probe: with an open bus, a forged referrals.callback.opened gave
// a team of one's choosing a person's contact in notifications.
import { randomBytes } from "node:crypto";
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { CallbackOpened, createEvent } from "@relais/contracts";
import { type NatsProcess, startNats } from "@relais/testing";
import { connect, JSONCodec } from "nats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { count, runFlow, settleFlow, setUpFlow, subjectMessages, until } from "./flow.js";
import { ORG } from "./http.js";
import { SERVICE_NAMES, type ServiceName, type Stack, startStack } from "./stack.js";

const AUTHORIZATION = resolve(import.meta.dirname, "../nats/authorization.conf");
const password = (name: ServiceName) => `nats-${name}-${randomBytes(18).toString("base64url")}`;

describe("the bus with a user per service", () => {
  let dir: string;
  let nats: NatsProcess;
  let stack: Stack;
  const passwords = Object.fromEntries(SERVICE_NAMES.map((name) => [name, password(name)])) as Record<
    ServiceName,
    string
  >;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "relais-nats-auth-"));
    // nats-server resolves an include beside the including file.
    copyFileSync(AUTHORIZATION, join(dir, "authorization.conf"));
    writeFileSync(
      join(dir, "nats.conf"),
      "include authorization.conf\njetstream { cipher: chachapoly, key: $JS_KEY }\n",
    );
    // The server reads the passwords from its environment, as production gives them.
    for (const name of SERVICE_NAMES) process.env[`NATS_${name.toUpperCase()}_PASSWORD`] = passwords[name];
    nats = await startNats({ configFile: join(dir, "nats.conf") });
    stack = await startStack({
      nats,
      serviceEnv: Object.fromEntries(
        SERVICE_NAMES.map((name) => [name, { NATS_USER: name, NATS_PASSWORD: passwords[name] }]),
      ),
    });
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
    await nats?.stop();
    for (const name of SERVICE_NAMES) delete process.env[`NATS_${name.toUpperCase()}_PASSWORD`];
    rmSync(dir, { recursive: true, force: true });
  });

  const as = (name: ServiceName) =>
    connect({ servers: nats.url, user: name, pass: passwords[name], timeout: 5_000 });

  it("runs the whole flow with each service logged in as itself", async () => {
    await setUpFlow(stack, "auth");
    const flow = await runFlow(stack, { prefix: "auth", referrals: 2 });
    expect(flow.tasks).toBe(4);
    const settled = await settleFlow(stack, { referrals: 2 }, 120_000, {
      user: "referrals",
      pass: passwords.referrals,
    });
    expect(settled.eventsApplied).toBeGreaterThan(0);
    expect(settled.mail.logicalDuplicates).toEqual([]);
    // Housing and conferences read the referrals' events too, logged in as themselves.
    for (const name of ["housing", "conferences"] as const)
      await until(
        `${name} applied referrals' events`,
        async () => (await count(stack.services[name].databasePath, "SELECT count(*) FROM inbox")) > 0,
        30_000,
      );
  }, 180_000);

  it("refuses a connection without a user, or with another service's password", async () => {
    await expect(connect({ servers: nats.url, timeout: 5_000, maxReconnectAttempts: 0 })).rejects.toThrow(
      /authorization/i,
    );
    await expect(
      connect({ servers: nats.url, user: "groups", pass: passwords.referrals, timeout: 5_000 }),
    ).rejects.toThrow(/authorization/i);
  });

  it("never lets one service publish another's events", async () => {
    const login = { user: "referrals", pass: passwords.referrals };
    const openings = () => subjectMessages(nats.url, "REFERRALS", "referrals.callback.opened", login);
    const before = await openings();
    const forged = createEvent(CallbackOpened, {
      orgId: ORG,
      source: "referrals",
      data: {
        taskId: "cbk-forged",
        referralId: "ref-forged",
        personRef: "prs_forged000001",
        role: "victim",
        team: "team-of-my-choosing",
        openedAt: new Date().toISOString(),
      },
    });
    const groups = await as("groups");
    try {
      const js = groups.jetstream({ timeout: 2_000 });
      await expect(
        js.publish(forged.type, JSONCodec().encode(forged), { msgID: forged.id }),
      ).rejects.toThrow();
    } finally {
      await groups.close();
    }
    expect(await openings()).toBe(before);
    // The same publish as referrals itself is taken (on a subject no consumer reads).
    const referrals = await as("referrals");
    try {
      const ack = await referrals
        .jetstream({ timeout: 5_000 })
        .publish("referrals.authorization-probe", JSONCodec().encode({}));
      expect(ack.stream).toBe("REFERRALS");
    } finally {
      await referrals.close();
    }
  });
});
