import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { createLogger } from "./logger.js";
import { runService } from "./run.js";

describe("runService", () => {
  it("serves, then stops HTTP before running the shutdown steps in order", async () => {
    const order: string[] = [];
    let arrived: () => void = () => undefined;
    const inHandler = new Promise<void>((resolve) => (arrived = resolve));
    const app = new Hono().get("/slow", async (c) => {
      arrived();
      await new Promise((resolve) => setTimeout(resolve, 100));
      order.push("request finished");
      return c.text("done");
    });
    const service = await runService({
      name: "test",
      app,
      port: 0,
      host: "127.0.0.1",
      logger: createLogger({ name: "test", level: "silent" }),
      shutdown: [
        { name: "consumers", stop: () => void order.push("consumers") },
        { name: "database", stop: async () => void order.push("database") },
      ],
    });
    expect(service.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    const inFlight = fetch(`${service.url}/slow`);
    // Stop once the request is being served (a fixed wait could end first on a loaded machine).
    await inHandler;
    const code = await service.stop();
    expect(code).toBe(0);
    expect(await (await inFlight).text()).toBe("done");
    expect(order).toEqual(["request finished", "consumers", "database"]);
    await expect(fetch(`${service.url}/slow`)).rejects.toThrow();
  });

  it("gives up with exit code 1 when a step outlives the timeout", async () => {
    const service = await runService({
      name: "test",
      app: new Hono(),
      port: 0,
      host: "127.0.0.1",
      logger: createLogger({ name: "test", level: "silent" }),
      shutdown: [{ name: "stuck", stop: () => new Promise(() => {}) }],
      timeoutMs: 100,
    });
    expect(await service.stop()).toBe(1);
  });
});
