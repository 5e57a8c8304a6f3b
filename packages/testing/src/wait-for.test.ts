import { describe, expect, it } from "vitest";
import { waitFor } from "./wait-for.js";
import { waitForValue } from "./wait-for-value.js";

describe("waitFor", () => {
  it("resolves once the predicate holds", async () => {
    let calls = 0;
    await waitFor(() => ++calls >= 3, { intervalMs: 5 });
    expect(calls).toBe(3);
  });

  it("throws with the message and the predicate's last error on timeout", async () => {
    await expect(
      waitFor(
        async () => {
          throw new Error("not yet");
        },
        { timeoutMs: 50, intervalMs: 10, message: "the outbox to drain" },
      ),
    ).rejects.toThrow(/timed out after 50 ms waiting for the outbox to drain \(last error: not yet\)/);
  });
});

describe("waitForValue", () => {
  it("returns the first value the probe finds", async () => {
    let calls = 0;
    const value = await waitForValue(async () => (++calls >= 3 ? { calls } : undefined), { intervalMs: 1 });
    expect(value).toEqual({ calls: 3 });
  });

  it("says what it waited for when nothing came", async () => {
    await expect(
      waitForValue(() => undefined, { timeoutMs: 20, intervalMs: 5, message: "the mail" }),
    ).rejects.toThrow("the mail: not seen within 20 ms");
  });

  it("lets a probe's error through at once", async () => {
    await expect(
      waitForValue(() => Promise.reject(new Error("broken")), { timeoutMs: 5_000 }),
    ).rejects.toThrow("broken");
  });
});
