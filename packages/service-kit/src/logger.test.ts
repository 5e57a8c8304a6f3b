import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger, lazyChild } from "./logger.js";

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, logger: createLogger({ name: "test", level: "debug", destination }) };
}

describe("createLogger", () => {
  it("writes JSON lines with the service name", () => {
    const { lines, logger } = capture();
    logger.info({ n: 1 }, "hello");
    expect(JSON.parse(lines[0]!)).toMatchObject({ name: "test", msg: "hello", n: 1, level: 30 });
  });

  it("redacts authorization headers and personal fields at any usual depth", () => {
    const { lines, logger } = capture();
    logger.info({
      req: { headers: { authorization: "Bearer abc.def.ghi" } },
      email: "a@example.org",
      person: { phone: "+32470123456", displayName: "Ana", contact: { email: "b@example.org" } },
    });
    const line = lines[0]!;
    for (const secret of ["abc.def.ghi", "a@example.org", "+32470123456", "Ana", "b@example.org"]) {
      expect(line).not.toContain(secret);
    }
    expect(line).toContain("[redacted]");
  });

  it("gives a lazy child the bindings, level and children of a real one", () => {
    const { lines, logger } = capture();
    const child = lazyChild(logger, { requestId: "r-1" });
    child.warn({ n: 2 }, "careful");
    child.level = "error";
    child.warn("not written");
    child.child({ step: "save" }).error("failed");
    expect(logger.level).toBe("debug");
    expect(lines.map((line) => JSON.parse(line))).toEqual([
      expect.objectContaining({ requestId: "r-1", n: 2, msg: "careful", level: 40 }),
      expect.objectContaining({ requestId: "r-1", step: "save", msg: "failed", level: 50 }),
    ]);
  });
});
