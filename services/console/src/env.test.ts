import { ConfigError } from "@relais/service-kit";
import { describe, expect, it } from "vitest";
import { readEnv } from "./env.js";

const DEV = { JWT_SECRET: "s".repeat(32) };
const OIDC = { OIDC_ISSUER: "https://idp.example", OIDC_CLIENT_ID: "relais-console" };

describe("console configuration", () => {
  it("runs on its own defaults with the development secret", () => {
    expect(readEnv(DEV)).toMatchObject({
      PORT: 3000,
      DATABASE_URL: "file:.data/console.db",
      SESSION_IDLE_MINUTES: 10,
      OIDC_ALLOW_HTTP: false,
    });
  });

  it("names a bad port with the kit's reason", () => {
    expect(() => readEnv({ ...DEV, PORT: "http" })).toThrow(/PORT: expected a number/);
    expect(() => readEnv({ ...DEV, PORT: "70000" })).toThrow(/PORT: expected a port between 1 and 65535/);
  });

  it("signs in one way only: the picker never exists beside OpenID Connect", () => {
    expect(() => readEnv({ ...DEV, ...OIDC })).toThrow(ConfigError);
    expect(() => readEnv({ ...DEV, ...OIDC })).toThrow(/JWT_SECRET \/ OIDC_ISSUER: set exactly one/);
    expect(() => readEnv({})).toThrow(/set exactly one/);
    expect(readEnv(OIDC).OIDC_ISSUER).toBe("https://idp.example");
  });

  it("requires the client id with an issuer", () => {
    expect(() => readEnv({ OIDC_ISSUER: "https://idp.example" })).toThrow(
      /OIDC_CLIENT_ID: required with OIDC_ISSUER/,
    );
  });
});
