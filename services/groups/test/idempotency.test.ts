// Retried POSTs: the stored answer is replayed only after the verb's own checks (who may act on
// this group, enrolment or session), so a key never hands one member of staff's answer to another
// who may not see it; and a retry after the effect gets its first answer, never a state conflict.
import { ManualClock, useService } from "@relais/testing";
import { describe, expect, it } from "vitest";
import { enrolments, groups } from "../src/db/schema.js";
import { type Caller, groupInput, json } from "./client.js";
import { startGroups } from "./harness.js";

const runner = { role: "facilitator", sub: "facilitator-1" } as const;
const outsider = { role: "facilitator", sub: "facilitator-2" } as const;

describe("idempotent replays", () => {
  const clock = new ManualClock("2026-01-10T09:00:00Z");
  const live = useService((nats) => startGroups(nats, { clock }));

  const send = (path: string, body: unknown, caller: Caller, key: string) =>
    live.service.client.call("POST", path, caller, body, { "idempotency-key": key });

  it("replays a group's creation to its creator, and gives another member of staff their own", async () => {
    const input = groupInput({ publicName: "Groupe du jeudi" });
    const first = await send("/v1/groups", input, runner, "create-1");
    expect(first.status).toBe(201);
    const created = await json<{ id: string }>(first);
    const again = await send("/v1/groups", input, runner, "create-1");
    expect([again.status, again.headers.get("idempotent-replayed")]).toEqual([201, "true"]);
    expect(await json(again)).toEqual(created);
    const other = await send("/v1/groups", input, outsider, "create-1");
    expect([other.status, other.headers.get("idempotent-replayed")]).toEqual([201, null]);
    expect((await json<{ id: string }>(other)).id).not.toBe(created.id);
    const named = (await live.service.database.db.select().from(groups)).filter(
      (g) => g.publicName === "Groupe du jeudi",
    );
    expect(named).toHaveLength(2);
  });

  it("refuses a facilitator who does not run the group the same enrolment and withdrawal, and replays them to the one who does", async () => {
    const group = await json<{ id: string }>(await send("/v1/groups", groupInput(), runner, "create-2"));
    const body = { personRef: "prs_replay0001" };
    const path = `/v1/groups/${group.id}/enrolments`;
    const first = await send(path, body, runner, "enrol-1");
    expect(first.status).toBe(201);
    const enrolment = await json<{ id: string }>(first);

    const stolen = await send(path, body, outsider, "enrol-1");
    expect([stolen.status, stolen.headers.get("idempotent-replayed")]).toEqual([404, null]);
    expect(await stolen.text()).not.toContain(enrolment.id);

    // The retry happens after the person is enrolled: it still learns the enrolment's id.
    const retry = await send(path, body, runner, "enrol-1");
    expect([retry.status, retry.headers.get("idempotent-replayed")]).toEqual([201, "true"]);
    expect(await json(retry)).toEqual(enrolment);

    const withdraw = `/v1/enrolments/${enrolment.id}/withdraw`;
    const ended = await send(withdraw, { reason: "moved away" }, runner, "withdraw-1");
    expect(ended.status).toBe(200);
    const endedBody = await json(ended);
    const refused = await send(withdraw, { reason: "moved away" }, outsider, "withdraw-1");
    expect(refused.status).toBe(404);
    const replayed = await send(withdraw, { reason: "moved away" }, runner, "withdraw-1");
    expect([replayed.status, await json(replayed)]).toEqual([200, endedBody]);

    const rows = (await live.service.database.db.select().from(enrolments)).filter(
      (e) => e.personRef === "prs_replay0001",
    );
    expect(rows.map((e) => e.status)).toEqual(["withdrawn"]);
  });
});
