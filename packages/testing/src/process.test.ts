import { describe, expect, it } from "vitest";
import { freePort } from "./ports.js";
import { spawnService } from "./process.js";

// A stand-in for a service's main.ts: answers 200 on /ready and exits cleanly on SIGTERM.
const SERVER = `
const http = require("node:http");
const server = http.createServer((req, res) => { res.statusCode = req.url === "/ready" ? 200 : 404; res.end(); });
server.listen(Number(process.env.PORT), "127.0.0.1", () => console.log("listening on " + process.env.PORT));
process.on("SIGTERM", () => { console.log("draining"); server.close(() => process.exit(0)); });
`;

describe("spawnService", () => {
  it("waits until ready, captures output, restarts and stops", async () => {
    const port = await freePort();
    const service = await spawnService({
      name: "fake",
      command: [process.execPath, "-e", SERVER],
      env: { PORT: String(port) },
      readyUrl: `http://127.0.0.1:${port}/ready`,
      timeoutMs: 10_000,
    });
    try {
      expect(service.isRunning()).toBe(true);
      expect(service.output()).toContain(`listening on ${port}`);
      const firstPid = service.pid;

      await service.restart();
      expect(service.pid).not.toBe(firstPid);
      expect((await fetch(`http://127.0.0.1:${port}/ready`)).status).toBe(200);

      const exit = await service.stop();
      expect(exit).toEqual({ code: 0, signal: null });
      expect(service.output()).toContain("draining");
    } finally {
      await service.kill();
    }
  });

  it("reports a process that exits before it is ready, with its output", async () => {
    await expect(
      spawnService({
        name: "broken",
        command: [process.execPath, "-e", "console.error('DATABASE_URL is required'); process.exit(3)"],
        readyUrl: "http://127.0.0.1:1/ready",
        timeoutMs: 5_000,
      }),
    ).rejects.toThrow(
      /spawnService\(broken\): exited before it was ready \(code 3[\s\S]*DATABASE_URL is required/,
    );
  });

  it("kills a process that never becomes ready, after the timeout", async () => {
    const port = await freePort();
    await expect(
      spawnService({
        name: "silent",
        command: [process.execPath, "-e", "setInterval(() => {}, 1000)"],
        readyUrl: `http://127.0.0.1:${port}/ready`,
        timeoutMs: 500,
      }),
    ).rejects.toThrow(/did not answer 200 within 500 ms/);
  });
});
