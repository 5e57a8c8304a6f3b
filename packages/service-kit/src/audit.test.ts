import { describe, expect, it } from "vitest";
import { jsonRequest, token, useWidgetsApp, widgetOf } from "../test/widgets-app.js";
import { listAudit, recordAudit } from "./audit.js";
import { Invalid } from "./errors.js";

const kit = useWidgetsApp();

describe("audit log", () => {
  it("records entries and pages through them newest first, per organisation", async () => {
    const principal = { sub: "worker-1", org: "org-audit", roles: ["caseworker" as const] };
    await kit.database.write(async (tx) => {
      for (const recordId of ["r1", "r2", "r3"]) {
        await recordAudit(tx, { principal, action: "referral.read", recordType: "referral", recordId });
      }
      await recordAudit(tx, {
        principal: { ...principal, org: "org-other" },
        action: "referral.read",
        recordType: "referral",
        recordId: "elsewhere",
        requestId: "req-9",
        at: new Date("2025-01-01T10:00:00Z"),
      });
    });

    const first = await listAudit(kit.database.db, "org-audit", { limit: 2 });
    expect(first.items.map((item) => item.recordId)).toEqual(["r3", "r2"]);
    expect(first.items[0]).toMatchObject({
      actor: { sub: "worker-1", roles: ["caseworker"] },
      action: "referral.read",
      recordType: "referral",
      requestId: null,
    });
    expect(first.nextCursor).toEqual(expect.any(String));

    const second = await listAudit(kit.database.db, "org-audit", { limit: 2, cursor: first.nextCursor! });
    expect(second.items.map((item) => item.recordId)).toEqual(["r1"]);
    expect(second.nextCursor).toBeNull();

    const other = await listAudit(kit.database.db, "org-other", { limit: 10 });
    expect(other.items).toEqual([
      expect.objectContaining({ requestId: "req-9", at: "2025-01-01T10:00:00.000Z" }),
    ]);
  });

  it("rejects a forged cursor", async () => {
    await expect(
      listAudit(kit.database.db, "org-audit", { limit: 2, cursor: "garbage!" }),
    ).rejects.toBeInstanceOf(Invalid);
  });

  it("is written by the widget route in the same transaction", async () => {
    const bearer = await token(["coordinator"], { org: "org-w" });
    const response = await kit.app.request(
      "/v1/widgets",
      jsonRequest(
        { name: "n", size: 1 },
        { token: bearer, key: "a1", headers: { "X-Request-Id": "req-audit" } },
      ),
    );
    const { id } = await widgetOf(response);
    const { items } = await listAudit(kit.database.db, "org-w", { limit: 5 });
    expect(items).toEqual([
      expect.objectContaining({ recordId: id, action: "widget.created", requestId: "req-audit" }),
    ]);
  });
});
