import { describe, expect, it } from "vitest";
import { waitFor } from "./wait-for.js";

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
