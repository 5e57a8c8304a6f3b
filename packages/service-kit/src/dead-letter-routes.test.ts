// Who sees which dead letters: coordinators and admins of the event's organisation, and nobody
// over HTTP when the event named no organisation (docs/security.md, "Dead letters and admin").
import type { ConsumerRunner } from "@relais/bus";
import { describe, expect, it } from "vitest";
import * as schema from "../test/schema.js";
import { token, useWidgetsApp } from "../test/widgets-app.js";
import { deadLetterRoutes } from "./dead-letter-routes.js";

const replayed: string[] = [];

// The runner's in-memory twin: replay marks the row, as the real one does after its handler ran.
const runner: ConsumerRunner = {
  start() {},
  async stop() {},
  async replay(id) {
    replayed.push(id);
    return { status: "replayed" };
  },
  async readPayload() {
    return '{"orgId":"org-a","data":{"displayName":"Amélie"}}';
  },
};

const letter = (id: string, orgId: string | null) => ({
  id,
  consumer: "widgets-consumer",
  stream: "GROUPS",
  subject: "groups.enrolment.confirmed",
  eventId: `evt-${id}`,
  orgId,
  payload: "{}",
  error: "boom",
  deliveries: 5,
  createdAt: "2026-01-01T10:00:00.000Z",
});

const kit = useWidgetsApp(async () => {
  kit.app.route("/", deadLetterRoutes({ database: kit.database, runner }));
  await kit.database.db
    .insert(schema.deadLetters)
    .values([letter("dl-1-mine", "org-a"), letter("dl-2-theirs", "org-b"), letter("dl-3-nobody", null)]);
});

const list = async (jwt: string) => {
  const response = await kit.app.request("/v1/dead-letters", { headers: { Authorization: `Bearer ${jwt}` } });
  return {
    status: response.status,
    ids: ((await response.json()) as { items?: Array<{ id: string }> }).items?.map((i) => i.id),
  };
};
const replay = async (jwt: string, id: string) =>
  (
    await kit.app.request(`/v1/dead-letters/${id}/replay`, {
      method: "POST",
      headers: { Authorization: `Bearer ${jwt}` },
    })
  ).status;

describe("dead letters", () => {
  it("lists only the caller's organisation's, for coordinators and admins alike", async () => {
    expect(await list(await token(["coordinator"]))).toEqual({ status: 200, ids: ["dl-1-mine"] });
    expect(await list(await token(["admin"]))).toEqual({ status: 200, ids: ["dl-1-mine"] });
    expect(await list(await token(["admin"], { org: "org-b" }))).toEqual({
      status: 200,
      ids: ["dl-2-theirs"],
    });
    expect((await list(await token(["caseworker"]))).status).toBe(403);
  });

  it("replays nothing of another organisation and nothing that named none, not even for admin", async () => {
    const admin = await token(["admin"]);
    expect(await replay(admin, "dl-3-nobody")).toBe(404);
    expect(await replay(admin, "dl-2-theirs")).toBe(404);
    expect(await replay(await token(["coordinator"]), "dl-3-nobody")).toBe(404);
    expect(replayed).toEqual([]);
    expect(await replay(await token(["coordinator"]), "dl-1-mine")).toBe(200);
    expect(replayed).toEqual(["dl-1-mine"]);
  });
});

describe("opening and replaying all dead letters", () => {
  const read = async (jwt: string, id: string) => {
    const response = await kit.app.request(`/v1/dead-letters/${id}`, {
      headers: { Authorization: `Bearer ${jwt}` },
    });
    return { status: response.status, text: await response.text() };
  };
  const trail = async () =>
    (
      (await (
        await kit.app.request("/v1/audit?actor=me", {
          headers: { Authorization: `Bearer ${await token(["coordinator"], { sub: "me" })}` },
        })
      ).json()) as { items?: Array<{ action: string; recordId: string }> }
    ).items;

  it("shows the payload only to a coordinator of the event's organisation, and audits the read", async () => {
    expect((await read(await token(["admin"]), "dl-1-mine")).status).toBe(403);
    expect((await read(await token(["caseworker"]), "dl-1-mine")).status).toBe(403);
    expect((await read(await token(["coordinator"], { org: "org-b" }), "dl-1-mine")).status).toBe(404);
    expect((await read(await token(["coordinator"]), "dl-3-nobody")).status).toBe(404);
    const list = await kit.app.request("/v1/dead-letters", {
      headers: { Authorization: `Bearer ${await token(["coordinator"])}` },
    });
    expect(await list.text()).not.toContain("Amélie");
    const opened = await read(await token(["coordinator"], { sub: "me" }), "dl-1-mine");
    expect(opened.status).toBe(200);
    expect(JSON.parse(opened.text).payload).toEqual({ orgId: "org-a", data: { displayName: "Amélie" } });
    expect(await trail()).toMatchObject([{ action: "dead_letter.read", recordId: "dl-1-mine" }]);
  });

  it("replays every dead letter of the organisation still dead up to the instant given, none of another's", async () => {
    replayed.length = 0;
    const replayAll = async (jwt: string, body: unknown) => {
      const response = await kit.app.request("/v1/dead-letters/replay", {
        method: "POST",
        headers: { Authorization: `Bearer ${jwt}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      return { status: response.status, body: await response.json() };
    };
    const orgB = await token(["coordinator"], { org: "org-b" });
    // Letters recorded after what the coordinator saw are left for them to see first.
    expect(await replayAll(orgB, { upTo: "2026-01-01T09:59:59Z" })).toEqual({
      status: 200,
      body: { replayed: 0, failed: 0 },
    });
    expect(await replayAll(orgB, { upTo: "2026-01-01T10:00:00Z" })).toEqual({
      status: 200,
      body: { replayed: 1, failed: 0 },
    });
    expect(replayed).toEqual(["dl-2-theirs"]);
    const missing = await replayAll(orgB, {});
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body)).toContain("upTo");
    expect((await replayAll(await token(["caseworker"]), { upTo: "2026-01-01T10:00:00Z" })).status).toBe(403);
  });
});
