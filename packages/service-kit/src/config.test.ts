import { describe, expect, it } from "vitest";
import { z } from "zod";
import { signDevToken } from "./auth.js";
import { BaseEnv, ConfigError, loadConfig, verifierFromConfig } from "./config.js";

const SECRET = "s".repeat(32);

describe("loadConfig", () => {
  it("applies defaults", () => {
    const config = loadConfig(BaseEnv, { PORT: "3001", JWT_SECRET: SECRET });
    expect(config).toMatchObject({
      PORT: 3001,
      HOST: "127.0.0.1",
      NATS_URL: "nats://127.0.0.1:4222",
      NATS_REPLICAS: 1,
      LOG_LEVEL: "info",
      BODY_LIMIT_BYTES: 262_144,
    });
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it("names every bad variable with its reason", () => {
    const load = () =>
      loadConfig(BaseEnv, { PORT: "http", JWT_SECRET: "short", LOG_LEVEL: "loud", NATS_REPLICAS: "7" });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/^Invalid configuration: /);
    expect(load).toThrow(/PORT: expected a number/);
    expect(load).toThrow(/JWT_SECRET: must be at least 32 characters/);
    expect(load).toThrow(/LOG_LEVEL: expected one of/);
    expect(load).toThrow(/NATS_REPLICAS: expected 1 to 5/);
  });

  it("takes a NATS user with its password, never one without the other", () => {
    const base = { PORT: "1", JWT_SECRET: SECRET };
    expect(loadConfig(BaseEnv, { ...base, NATS_USER: "groups", NATS_PASSWORD: "p" })).toMatchObject({
      NATS_USER: "groups",
      NATS_PASSWORD: "p",
    });
    expect(() => loadConfig(BaseEnv, { ...base, NATS_USER: "groups" })).toThrow(
      /NATS_USER \/ NATS_PASSWORD: set both or neither/,
    );
    expect(() => loadConfig(BaseEnv, { ...base, NATS_PASSWORD: "p" })).toThrow(/set both or neither/);
  });

  it("never echoes a value", () => {
    expect(() => loadConfig(BaseEnv, { PORT: "1", JWT_SECRET: "hunter2" })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining("hunter2") }),
    );
  });

  it("requires JWT_SECRET or JWKS_URL, and takes both (the local stack: pnpm token and the console)", () => {
    expect(() => loadConfig(BaseEnv, { PORT: "1" })).toThrow(/JWT_SECRET \/ JWKS_URL: set at least one/);
    expect(
      loadConfig(BaseEnv, { PORT: "1", JWT_SECRET: SECRET, JWKS_URL: "https://idp.example/jwks" }).JWKS_URL,
    ).toBe("https://idp.example/jwks");
    expect(loadConfig(BaseEnv, { PORT: "1", JWKS_URL: "https://idp.example/jwks" }).JWKS_URL).toBe(
      "https://idp.example/jwks",
    );
  });

  it("treats empty variables as unset", () => {
    expect(
      loadConfig(BaseEnv, { PORT: "1", JWT_SECRET: SECRET, JWKS_URL: "", LOG_LEVEL: "" }).LOG_LEVEL,
    ).toBe("info");
  });

  it("lets a service extend it and override defaults", () => {
    const Env = BaseEnv.extend({
      PORT: z.coerce.number().int().default(3002),
      DATABASE_URL: z.string().default("file:.data/referrals.db"),
      DATA_KEY: z.string().length(44, "expected 32 bytes in base64"),
    });
    const config = loadConfig(Env, { JWT_SECRET: SECRET, DATA_KEY: "k".repeat(44) });
    expect(config).toMatchObject({ PORT: 3002, DATABASE_URL: "file:.data/referrals.db" });
    expect(() => loadConfig(Env, { JWT_SECRET: SECRET })).toThrow(/DATA_KEY: /);
  });
});

describe("verifierFromConfig", () => {
  it("verifies HS256 tokens when given a secret", async () => {
    const verify = verifierFromConfig(loadConfig(BaseEnv, { PORT: "1", JWT_SECRET: SECRET }));
    const jwt = await signDevToken({ secret: SECRET, sub: "u", org: "o", roles: ["admin"] });
    expect(await verify(jwt)).toEqual({ sub: "u", org: "o", roles: ["admin"] });
  });

  it("refuses a configuration with neither", () => {
    expect(() => verifierFromConfig({})).toThrow(ConfigError);
  });
});
