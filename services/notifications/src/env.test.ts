import { randomBytes } from "node:crypto";
import { ConfigError, loadConfig } from "@relais/service-kit";
import { describe, expect, it } from "vitest";
import { NotificationsEnv } from "./env.js";

// Keys are made per run: the configuration only checks their size.
const base = {
  JWT_SECRET: "s".repeat(32),
  DATA_KEY: randomBytes(32).toString("base64"),
  SEAL_PRIVATE_KEY: randomBytes(32).toString("base64"),
};

describe("notifications configuration", () => {
  it("runs on its own defaults", () => {
    const config = loadConfig(NotificationsEnv, base);
    expect(config).toMatchObject({
      PORT: 3003,
      DATABASE_URL: "file:.data/notifications.db",
      MAIL_DIR: ".data/mail",
      MAIL_POOL_SIZE: 5,
      REMINDER_OFFSETS_MINUTES: [1440, 120],
    });
    expect(config.SMS_GATEWAY_URL).toBeUndefined();
  });

  it("refuses an SMS gateway without its key, naming the key", () => {
    const load = () => loadConfig(NotificationsEnv, { ...base, SMS_GATEWAY_URL: "https://sms.example/send" });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/SMS_GATEWAY_KEY: required when SMS_GATEWAY_URL is set/);
  });

  it("takes a gateway with its key, and a key alone (no gateway, no SMS)", () => {
    const config = loadConfig(NotificationsEnv, {
      ...base,
      SMS_GATEWAY_URL: "https://sms.example/send",
      SMS_GATEWAY_KEY: "gateway-key",
    });
    expect(config.SMS_GATEWAY_KEY).toBe("gateway-key");
    expect(
      loadConfig(NotificationsEnv, { ...base, SMS_GATEWAY_KEY: "gateway-key" }).SMS_GATEWAY_URL,
    ).toBeUndefined();
  });

  it("names a bad reminder offset", () => {
    expect(() => loadConfig(NotificationsEnv, { ...base, REMINDER_OFFSETS_MINUTES: "1440,-5" })).toThrow(
      /REMINDER_OFFSETS_MINUTES.*expected minutes > 0/,
    );
  });
});
