import { describe, expect, it } from "vitest";
import { isPublicAddress, webhookTargetRefusal } from "./webhook-target.js";

describe("where a webhook may point", () => {
  it("takes https on a public name or address", () => {
    expect(webhookTargetRefusal("https://zp5277.police.be/relais", "public")).toBeNull();
    expect(webhookTargetRefusal("https://193.191.245.10:8443/hook", "public")).toBeNull();
    expect(webhookTargetRefusal("https://[2a02:2c40::10]/hook", "public")).toBeNull();
  });

  it("refuses plain http, the machine, the site's network, link-local and the cloud's metadata", () => {
    for (const url of [
      "http://zp5277.police.be/relais",
      "https://127.0.0.1:8222/varz",
      "https://localhost:3002/",
      "https://nats.localhost/",
      "https://metadata.google.internal/",
      "https://169.254.169.254/latest/meta-data",
      "https://10.0.0.5/",
      "https://172.16.3.4/",
      "https://192.168.1.1/",
      "https://100.64.0.1/",
      "https://0.0.0.0/",
      "https://[::1]/",
      "https://[fd00::1]/",
      "https://[fe80::1]/",
      "https://[::ffff:127.0.0.1]/",
      "https://router/",
      "https://printer.local/",
    ])
      expect(webhookTargetRefusal(url, "public"), url).not.toBeNull();
  });

  it("lets development aim at a receiver on this machine", () => {
    expect(webhookTargetRefusal("http://127.0.0.1:4010/hook", "any")).toBeNull();
  });

  it("reads an IPv4-mapped address as the IPv4 address it is", () => {
    expect(isPublicAddress("::ffff:10.1.2.3")).toBe(false);
    expect(isPublicAddress("::ffff:193.191.245.10")).toBe(true);
    expect(isPublicAddress("not an address")).toBe(false);
  });
});
