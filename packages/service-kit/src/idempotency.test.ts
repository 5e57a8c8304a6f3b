import { randomUUID } from "node:crypto";
import type { RuleCode } from "@relais/contracts";
import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { widgets } from "../test/schema.js";
import { jsonRequest, ORG, problemOf, token, useWidgetsApp, widgetOf } from "../test/widgets-app.js";
import { requireRoles } from "./auth.js";
import { Conflict, NotFound } from "./errors.js";
import { answerOnce, idempotency, idempotencyKeys } from "./idempotency.js";
import { verbContext, writeOnRecord, writeVerb } from "./verb.js";

let coordinator: string;

const kit = useWidgetsApp(async () => {
  coordinator = await token(["coordinator"]);
  // A verb between whose check and save the key gets stored, as a rival process on the same
  // database could leave it (not possible on one file, whose write lock spans both): the save
  // must refuse to commit a second effect.
  kit.app.post("/v1/raced", requireRoles("coordinator"), idempotency(), async (c) => {
    const once = answerOnce(c, 201, (result: { id: string }) => result)!;
    await kit.database.write(async (tx) => {
      await once.check(tx);
      await tx.insert(idempotencyKeys).values({
        org: ORG,
        key: c.req.header("Idempotency-Key")!,
        method: "POST",
        path: "/v1/raced",
        requestHash: "another request",
        status: 201,
        responseBody: "{}",
        createdAt: new Date().toISOString(),
      });
      await once.save(tx, { id: "raced" });
    });
    return c.json({ id: "raced" }, 201);
  });
  // A verb whose state check refuses a second run (one widget per name), as closing a task does:
  // its retry must still get the stored answer, which only a look-up of the key gives.
  kit.app.post("/v1/named-widgets", requireRoles("coordinator"), idempotency(), async (c) => {
    const { name } = (await c.req.json()) as { name: string };
    const answer = { status: 201, present: (widget: { id: string }) => widget };
    const widget = await writeVerb(
      verbContext(c, { database: kit.database }, answer),
      async (tx, authorised) => {
        await authorised();
        if ((await tx.select().from(widgets).where(eq(widgets.name, name))).length > 0) {
          throw new Conflict("A widget has this name already", "name_taken" as RuleCode);
        }
        const made = { id: randomUUID(), name, size: 1, tags: [] };
        await tx.insert(widgets).values({ ...made, org: ORG });
        return made;
      },
    );
    return c.json(widget, 201);
  });
  // A verb on one record: a widget tagged "hidden" is the coordinators' alone. The look-up comes
  // before the stored answer, so a caller it hides the widget from meets its 404 even with the key
  // and body of someone else's shrink; and a retry of that shrink gets its answer although the
  // widget is by then as small as it gets.
  kit.app.post(
    "/v1/widgets/:id/shrink",
    requireRoles("coordinator", "caseworker"),
    idempotency(),
    async (c) => {
      const id = c.req.param("id");
      const answer = { status: 200, present: (widget: { id: string; size: number }) => widget };
      const ctx = verbContext(c, { database: kit.database }, answer);
      const shrunk = await writeOnRecord(
        ctx,
        async (tx) => {
          const [row] = await tx
            .select()
            .from(widgets)
            .where(and(eq(widgets.id, id), eq(widgets.org, ctx.principal.org)));
          if (!row || (row.tags.includes("hidden") && !ctx.principal.roles.includes("coordinator")))
            throw new NotFound("No such widget");
          return row;
        },
        async (tx, row) => {
          if (row.size <= 1) throw new Conflict("The widget is as small as it gets", "too_small" as RuleCode);
          await tx
            .update(widgets)
            .set({ size: row.size - 1 })
            .where(eq(widgets.id, row.id));
          return { id: row.id, size: row.size - 1 };
        },
      );
      return c.json(shrunk, 200);
    },
  );
});
beforeEach(async () => {
  await kit.database.write(async (tx) => {
    await tx.delete(widgets);
    await tx.delete(idempotencyKeys);
  });
});

const post = (body: unknown, key?: string, bearer = coordinator) =>
  kit.app.request("/v1/widgets", jsonRequest(body, { token: bearer, key }));
const widgetCount = async () => (await kit.database.db.select().from(widgets)).length;

describe("idempotency", () => {
  it("replays the first response for the same key and body", async () => {
    const first = await post({ name: "bolt", size: 1 }, "key-1");
    const again = await post({ name: "bolt", size: 1 }, "key-1");
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get("Idempotent-Replayed")).toBe("true");
    expect(first.headers.get("Idempotent-Replayed")).toBeNull();
    expect(await again.json()).toEqual(await first.json());
    expect(await widgetCount()).toBe(1);
  });

  it("refuses the same key with another body", async () => {
    await post({ name: "bolt", size: 1 }, "key-2");
    const response = await post({ name: "bolt", size: 2 }, "key-2");
    expect(response.status).toBe(409);
    expect(await problemOf(response)).toMatchObject({ code: "idempotency_key_reused" });
    expect(await widgetCount()).toBe(1);
  });

  it("runs 20 concurrent identical requests exactly once", async () => {
    const before = kit.effects();
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => post({ name: "rush", size: 9, tags: ["a"] }, "key-rush")),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(20).fill(201));
    const ids = new Set(await Promise.all(responses.map(async (response) => (await widgetOf(response)).id)));
    expect(ids.size).toBe(1);
    expect(kit.effects() - before).toBe(1);
    expect(await widgetCount()).toBe(1);
    expect(responses.filter((response) => response.headers.get("Idempotent-Replayed"))).toHaveLength(19);
  });

  it("replays the stored answer to a retry that the verb's own state check would refuse", async () => {
    const named = (key: string) =>
      kit.app.request("/v1/named-widgets", jsonRequest({ name: "only-one" }, { token: coordinator, key }));
    const first = await named("key-named");
    expect(first.status).toBe(201);
    const again = await named("key-named");
    expect(again.status).toBe(201);
    expect(again.headers.get("Idempotent-Replayed")).toBe("true");
    expect(await again.json()).toEqual(await first.json());
    // Another key for the same name is refused by the verb: no stored answer stands in for that.
    const other = await named("key-named-2");
    expect(other.status).toBe(409);
    expect(await problemOf(other)).toMatchObject({ code: "name_taken" });
    expect(await widgetCount()).toBe(1);
  });

  it("looks the record up before the stored answer: a retry is replayed, a caller it is hidden from is not", async () => {
    const made = await widgetOf(await post({ name: "secret", size: 2, tags: ["hidden"] }, "key-hidden"));
    const shrink = (key: string, bearer: string) =>
      kit.app.request(`/v1/widgets/${made.id}/shrink`, jsonRequest({}, { token: bearer, key }));
    const first = await shrink("key-shrink", coordinator);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ id: made.id, size: 1 });
    // The same organisation, the same key and body, the real id: the widget is hidden from a caseworker.
    const caseworker = await token(["caseworker"]);
    const hidden = await shrink("key-shrink", caseworker);
    expect(hidden.status).toBe(404);
    expect(hidden.headers.get("Idempotent-Replayed")).toBeNull();
    // The coordinator's retry gets the stored answer, where running again would refuse (too_small).
    const again = await shrink("key-shrink", coordinator);
    expect(again.status).toBe(200);
    expect(again.headers.get("Idempotent-Replayed")).toBe("true");
    expect(await again.json()).toEqual({ id: made.id, size: 1 });
    const fresh = await shrink("key-shrink-2", coordinator);
    expect(await problemOf(fresh)).toMatchObject({ status: 409, code: "too_small" });
  });

  it("requires the header", async () => {
    const response = await post({ name: "bolt", size: 1 });
    expect(response.status).toBe(400);
    expect((await problemOf(response)).errors).toEqual([
      { path: "Idempotency-Key", code: "required", message: expect.any(String) },
    ]);
  });

  it("rejects an over-long key", async () => {
    const response = await post({ name: "bolt", size: 1 }, "k".repeat(201));
    expect(response.status).toBe(400);
    expect((await problemOf(response)).errors).toEqual([
      { path: "Idempotency-Key", code: "invalid_format", message: expect.any(String) },
    ]);
  });

  it("releases the key when the request fails, so a corrected retry goes through", async () => {
    const bad = await post({ name: "bolt", size: "one" }, "key-3");
    expect(bad.status).toBe(400);
    const fixed = await post({ name: "bolt", size: 1 }, "key-3");
    expect(fixed.status).toBe(201);
    expect(fixed.headers.get("Idempotent-Replayed")).toBeNull();
  });

  it("scopes keys to the caller's organisation", async () => {
    const mine = await post({ name: "bolt", size: 1 }, "shared-key");
    const theirs = await post(
      { name: "bolt", size: 1 },
      "shared-key",
      await token(["coordinator"], { org: "org-b" }),
    );
    expect(theirs.status).toBe(201);
    expect(theirs.headers.get("Idempotent-Replayed")).toBeNull();
    expect((await widgetOf(theirs)).id).not.toBe((await widgetOf(mine)).id);
  });

  it("runs the verb's authorisation before any replay", async () => {
    const first = await post({ name: "big", size: 50 }, "key-auth");
    expect(first.status).toBe(201);
    // The same key and body from someone the verb refuses: a refusal, never the stored answer.
    const refused = await post({ name: "big", size: 50 }, "key-auth", await token(["admin"]));
    expect(refused.status).toBe(403);
    expect(refused.headers.get("Idempotent-Replayed")).toBeNull();
  });

  it("keeps an answer scoped to its creator for the creator alone", async () => {
    const body = { name: "own", size: 1, tags: ["mine"] };
    const mine = await widgetOf(await post(body, "key-own"));
    const again = await post(body, "key-own");
    expect(again.headers.get("Idempotent-Replayed")).toBe("true");
    expect(await widgetOf(again)).toEqual(mine);
    // Someone else with the same key and body gets their own result, not the creator's.
    const other = await post(body, "key-own", await token(["coordinator"], { sub: "user-2" }));
    expect(other.status).toBe(201);
    expect(other.headers.get("Idempotent-Replayed")).toBeNull();
    expect((await widgetOf(other)).id).not.toBe(mine.id);
    expect(await widgetCount()).toBe(2);
  });

  it("refuses to store an answer over a key stored behind its check", async () => {
    const response = await kit.app.request(
      "/v1/raced",
      jsonRequest({}, { token: coordinator, key: "key-raced" }),
    );
    expect(response.status).toBe(409);
    expect(await problemOf(response)).toMatchObject({ code: "idempotency_in_progress" });
  });

  it("forgets a stored response after the TTL", async () => {
    const first = await post({ name: "bolt", size: 1 }, "old-key");
    await kit.database.write((tx) =>
      tx.update(idempotencyKeys).set({ createdAt: new Date(Date.now() - 25 * 3_600_000).toISOString() }),
    );
    const again = await post({ name: "bolt", size: 1 }, "old-key");
    expect(again.status).toBe(201);
    expect((await widgetOf(again)).id).not.toBe((await widgetOf(first)).id);
  });
});
