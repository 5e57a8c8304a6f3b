// The local resource directory: coordinators write it, everyone who refers people on searches it,
// and a "referred elsewhere" outcome names one of its entries. Real routes on a real libSQL file.
import { auditLog } from "@relais/service-kit";
import { mintToken } from "@relais/testing";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { EXAMPLE_PARTNERS } from "../src/db/directory-seed.js";
import { loadDirectorySeed } from "../src/db/load-directory-seed.js";
import { callbackTasks } from "../src/db/schema.js";
import { seraingReferral } from "./fixtures.js";
import { call, fileReferral, ORG, tokens, useSeededReferrals } from "./harness.js";

const OTHER = "org-other";
const PATH = "/v1/directory/partners";

const cpas = {
  name: "CPAS de Seraing — service social",
  category: "cpas",
  municipalities: ["Seraing", "Neupré"],
  languages: ["fr", "de"],
  openingHours: {
    timeZone: "Europe/Brussels",
    windows: [{ days: [1, 2, 3, 4, 5], from: "08:30", to: "12:00" }],
  },
  howToRefer: "Appeler le service social avec l'accord de la personne.",
  contact: { email: "accueil@cpas.example.org", website: "https://cpas.example.org" },
};

describe("the resource directory", () => {
  // Monday 23 November 2026, 10:00 in Brussels: the CPAS above is open.
  const world = useSeededReferrals("2026-11-23T09:00:00Z");
  const coordinatorOf = (org: string) => mintToken({ role: "coordinator", org, sub: `coord-${org}` });
  let key = 0;
  const create = async (body: unknown, token?: string, idempotencyKey = `k-${++key}`) =>
    call(world.service, "POST", PATH, token ?? (await tokens.coordinator()), body, {
      "idempotency-key": idempotencyKey,
    });

  it("lets a coordinator add, edit, archive and restore an entry, each change audited", async () => {
    const coordinator = await tokens.coordinator();
    const added = await create(cpas, coordinator, "add-cpas");
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({
      name: cpas.name,
      category: "cpas",
      municipalities: ["Seraing", "Neupré"],
      languages: ["fr", "de"],
      openNow: true,
      contact: { email: "accueil@cpas.example.org", phone: null, website: "https://cpas.example.org" },
      example: false,
      archivedAt: null,
    });
    const id = added.body.id as string;
    // A retried POST replays the first answer and adds nothing.
    const again = await create(cpas, coordinator, "add-cpas");
    expect(again).toMatchObject({ status: 201, replayed: true });
    expect(again.body.id).toBe(id);

    const edited = await call(world.service, "PUT", `${PATH}/${id}`, coordinator, {
      ...cpas,
      municipalities: ["Seraing"],
      contact: { phone: "+32 4 000 00 00" },
    });
    expect(edited.status).toBe(200);
    expect(edited.body.contact).toEqual({ email: null, phone: "+32 4 000 00 00", website: null });
    // Neupré is no longer served.
    const inNeupre = await call(world.service, "GET", `${PATH}?municipality=Neupre`, coordinator);
    expect(inNeupre.body.items).toEqual([]);

    const archived = await call(world.service, "POST", `${PATH}/${id}/archive`, coordinator);
    expect(archived.status).toBe(200);
    expect(archived.body.archivedAt).toBe("2026-11-23T09:00:00.000Z");
    expect((await call(world.service, "GET", PATH, coordinator)).body.items).toEqual([]);
    const withArchived = await call(world.service, "GET", `${PATH}?archived=include`, coordinator);
    expect(withArchived.body.items.map((p: { id: string }) => p.id)).toEqual([id]);
    // Past outcomes name archived entries: they stay readable one by one.
    expect((await call(world.service, "GET", `${PATH}/${id}`, await tokens.caseworker(["x"]))).status).toBe(
      200,
    );
    const restored = await call(world.service, "POST", `${PATH}/${id}/restore`, coordinator);
    expect(restored.body.archivedAt).toBeNull();

    const audit = await world.service.database.db
      .select({ action: auditLog.action, actor: auditLog.actorSub })
      .from(auditLog)
      .where(and(eq(auditLog.recordType, "partner"), eq(auditLog.recordId, id)));
    expect(audit.map((a) => a.action)).toEqual([
      "partner.create",
      "partner.update",
      "partner.archive",
      "partner.restore",
    ]);
    expect(new Set(audit.map((a) => a.actor))).toEqual(new Set(["coord-1"]));
  });

  it("searches by municipality, category and language, a page at a time", async () => {
    expect(await loadDirectorySeed(world.service.database, ORG, world.clock.now())).toBe(
      EXAMPLE_PARTNERS.length,
    );
    // Once: an organisation with entries is left alone.
    expect(await loadDirectorySeed(world.service.database, ORG, world.clock.now())).toBe(0);
    const worker = await tokens.caseworker(["vif-seraing-victims"]);
    const names = async (query: string, token = worker) => {
      const res = await call(world.service, "GET", `${PATH}?${query}`, token);
      expect(res.status, query).toBe(200);
      return res.body.items.map((p: { name: string }) => p.name);
    };
    const seraing = await names("municipality=SERAING");
    expect(seraing).toHaveLength(6);
    expect(seraing.every((n: string) => n.startsWith("Exemple —") && n.endsWith("(exemple)"))).toBe(true);
    expect(await names("municipality=Seraing&category=cpas")).toEqual([
      "Exemple — CPAS de Seraing (exemple)",
    ]);
    expect(await names("municipality=liege&language=de")).toEqual([
      "Exemple — Centre d'aide aux victimes de Liège (exemple)",
      "Exemple — Maison de justice de Liège (exemple)",
    ]);
    expect(await names("category=caw&language=nl")).toEqual(["Voorbeeld — CAW Limburg (voorbeeld)"]);
    // Facilitators and programme staff refer people on too.
    expect(await names("category=shelter", await tokens.other("facilitator"))).toHaveLength(1);
    expect(await names("category=veilig_huis", await tokens.other("programme_staff"))).toHaveLength(1);

    const seen: string[] = [];
    let cursor = "";
    for (let page = 0; page < 10; page++) {
      const res = await call(
        world.service,
        "GET",
        `${PATH}?limit=3${cursor ? `&cursor=${cursor}` : ""}`,
        worker,
      );
      expect(res.body.items.length).toBeLessThanOrEqual(3);
      for (const p of res.body.items as Array<{ name: string; example: boolean }>) {
        expect(p.example).toBe(true);
        seen.push(p.name);
      }
      if (!res.body.nextCursor) break;
      cursor = res.body.nextCursor;
    }
    expect(seen).toHaveLength(EXAMPLE_PARTNERS.length);
    expect(new Set(seen).size).toBe(seen.length);
    // No phone number is made up: the examples give example.org mailboxes and websites only.
    for (const example of EXAMPLE_PARTNERS) {
      expect(example.contact.phone).toBeUndefined();
      expect(example.contact.email).toMatch(/@example\.org$/);
    }
  });

  it("refuses bad input with a 400 naming the field", async () => {
    const field = async (body: unknown) => {
      const res = await create(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.text).not.toMatch(/at .*\.ts/);
      return res.body.errors.map((e: { path: string }) => e.path);
    };
    expect(await field({ ...cpas, category: "police" })).toContain("category");
    expect(await field({ ...cpas, languages: ["es"] })).toContain("languages.0");
    expect(await field({ ...cpas, municipalities: [] })).toContain("municipalities");
    expect(await field({ ...cpas, municipalities: ["Seraing", " -- "] })).toContain("municipalities.1");
    expect(await field({ ...cpas, contact: {} })).toContain("contact");
    expect(await field({ ...cpas, contact: { phone: "call Marie" } })).toContain("contact.phone");
    expect(
      await field({
        ...cpas,
        openingHours: { timeZone: "Europe/Brussels", windows: [{ days: [1], from: "9h", to: "12:00" }] },
      }),
    ).toContain("openingHours.windows.0.from");
    expect(await field({ ...cpas, openingHours: { timeZone: "Mars/Olympus", windows: [] } })).toContain(
      "openingHours.timeZone",
    );
    expect(await field({ ...cpas, director: "Mme X" })).toEqual(expect.arrayContaining([expect.any(String)]));
    const noKey = await call(world.service, "POST", PATH, await tokens.coordinator(), cpas);
    expect(noKey.status).toBe(400);
    const search = await call(world.service, "GET", `${PATH}?category=bank`, await tokens.coordinator());
    expect(search.status).toBe(400);
    expect(search.body.errors[0].path).toBe("category");
  });

  it("keeps each organisation's directory its own, and police out", async () => {
    const mine = (await create(cpas)).body.id as string;
    const theirs = (await create({ ...cpas, name: "CPAS d'ailleurs" }, await coordinatorOf(OTHER))).body
      .id as string;
    const other = await coordinatorOf(OTHER);
    // Another organisation's real id is a 404, as a made-up one is.
    expect((await call(world.service, "GET", `${PATH}/${mine}`, other)).status).toBe(404);
    expect((await call(world.service, "PUT", `${PATH}/${mine}`, other, cpas)).status).toBe(404);
    expect((await call(world.service, "POST", `${PATH}/${mine}/archive`, other)).status).toBe(404);
    const theirList = await call(world.service, "GET", `${PATH}?archived=include`, other);
    expect(theirList.body.items.map((p: { id: string }) => p.id)).toEqual([theirs]);
    const mineRead = await call(world.service, "GET", `${PATH}/${mine}`, await tokens.coordinator());
    expect(mineRead.body.archivedAt).toBeNull();
    // Police read and write none of it; only coordinators write.
    const police = await tokens.police();
    for (const [method, path, body] of [
      ["GET", PATH, undefined],
      ["GET", `${PATH}/${mine}`, undefined],
      ["POST", PATH, cpas],
      ["PUT", `${PATH}/${mine}`, cpas],
      ["POST", `${PATH}/${mine}/archive`, undefined],
    ] as const) {
      expect((await call(world.service, method, path, police, body, { "idempotency-key": "p" })).status).toBe(
        403,
      );
    }
    for (const token of [await tokens.caseworker(["x"]), await tokens.other("facilitator")]) {
      expect((await create(cpas, token)).status).toBe(403);
      expect((await call(world.service, "POST", `${PATH}/${mine}/archive`, token)).status).toBe(403);
    }
    expect((await call(world.service, "GET", PATH, await tokens.other("admin"))).status).toBe(403);
  });

  it("records the partner of a referred-elsewhere outcome: the organisation's own, not archived", async () => {
    const coordinator = await tokens.coordinator();
    const partner = (await create(cpas)).body.id as string;
    const archived = (await create({ ...cpas, name: "Ancien CPAS" })).body.id as string;
    await call(world.service, "POST", `${PATH}/${archived}/archive`, coordinator);
    const foreign = (await create({ ...cpas, name: "CPAS d'ailleurs" }, await coordinatorOf(OTHER))).body.id;

    const filed = await fileReferral(world.service);
    const queue = await call(world.service, "GET", "/v1/callbacks?role=author", coordinator);
    const task = queue.body.items.find((t: { referralId: string }) => t.referralId === filed.id);
    const base = `/v1/callbacks/${task.id}`;
    expect((await call(world.service, "POST", `${base}/claim`, coordinator)).status).toBe(200);
    const reached = await call(
      world.service,
      "POST",
      `${base}/attempts`,
      coordinator,
      {
        outcome: "reached",
        channel: "phone",
      },
      { "idempotency-key": "reach-1" },
    );
    expect(reached.status).toBe(201);
    const outcome = (body: unknown, k: string) =>
      call(world.service, "POST", `${base}/outcome`, coordinator, body, { "idempotency-key": k });

    const neither = await outcome({ outcome: "referred_elsewhere" }, "o-0");
    expect(neither.status).toBe(400);
    expect(neither.body.errors.map((e: { path: string }) => e.path)).toContain("partnerId");
    for (const [id, code] of [
      [foreign, "unknown_partner"],
      ["ptn_made-up", "unknown_partner"],
      [archived, "partner_archived"],
    ] as const) {
      const refused = await outcome({ outcome: "referred_elsewhere", partnerId: id }, `o-${id}`);
      expect(refused.status, id).toBe(409);
      expect(refused.body).toMatchObject({ code, errors: [{ path: "partnerId" }] });
    }
    const done = await outcome(
      { outcome: "referred_elsewhere", partnerId: partner, note: "RDV jeudi" },
      "o-1",
    );
    expect(done.status).toBe(201);
    expect(done.body).toMatchObject({ status: "closed", outcome: "referred_elsewhere" });
    const [row] = await world.service.database.db
      .select({ partner: callbackTasks.referredPartnerId })
      .from(callbackTasks)
      .where(eq(callbackTasks.id, task.id));
    expect(row?.partner).toBe(partner);
    // The referral shows where to, in the entry's name.
    const detail = await call(world.service, "GET", `/v1/referrals/${filed.id}`, coordinator);
    const author = detail.body.persons.find((p: { role: string }) => p.role === "author");
    expect(author.task.outcomeDetail).toEqual({ to: cpas.name, partnerId: partner, note: "RDV jeudi" });
  });

  it("says where people were referred, by category and by entry, small counts suppressed", async () => {
    const coordinator = await tokens.coordinator();
    const a = (await create(cpas)).body.id as string;
    const b = (await create({ ...cpas, name: "CAW Seraing", category: "caw" })).body.id as string;
    // March: six to the CPAS, two to the CAW, one unlisted; April: five to the CPAS.
    const plan = [
      ...Array.from({ length: 6 }, () => ({ month: "2026-03-10", partnerId: a })),
      ...Array.from({ length: 2 }, () => ({ month: "2026-03-12", partnerId: b })),
      { month: "2026-03-14", partnerId: undefined },
      ...Array.from({ length: 5 }, () => ({ month: "2026-04-10", partnerId: a })),
    ];
    let n = 0;
    for (const step of plan) {
      world.clock.set(`${step.month}T09:00:00Z`);
      // No safe window for the victim: the call-back can happen at once.
      const [victim, author] = seraingReferral().persons;
      const body = seraingReferral({
        incidentReference: `STAT-${++n}`,
        persons: [{ ...victim, preferences: { channels: ["phone"], voicemailAllowed: false } }, author],
      });
      const filed = await call(world.service, "POST", "/v1/referrals", await tokens.police(), body, {
        "idempotency-key": `stat-file-${n}`,
      });
      const queue = await call(world.service, "GET", "/v1/callbacks?role=victim&limit=100", coordinator);
      const task = queue.body.items.find((t: { referralId: string }) => t.referralId === filed.body.id);
      const base = `/v1/callbacks/${task.id}`;
      await call(world.service, "POST", `${base}/claim`, coordinator);
      await call(
        world.service,
        "POST",
        `${base}/attempts`,
        coordinator,
        { outcome: "reached", channel: "phone" },
        {
          "idempotency-key": `stat-reach-${n}`,
        },
      );
      const body2 = step.partnerId
        ? { outcome: "referred_elsewhere", partnerId: step.partnerId }
        : { outcome: "referred_elsewhere", to: "Un service hors répertoire" };
      const closed = await call(world.service, "POST", `${base}/outcome`, coordinator, body2, {
        "idempotency-key": `stat-out-${n}`,
      });
      expect(closed.status).toBe(201);
    }
    const report = await call(
      world.service,
      "GET",
      "/v1/statistics?from=2026-03&to=2026-04&by=month",
      coordinator,
    );
    expect(report.status).toBe(200);
    type Table = {
      id: string;
      categories: string[];
      rows: { cells: (number | null)[]; total: number | null }[];
      totals: (number | null)[];
      total: number | null;
    };
    const table = (id: string) => report.body.tables.find((t: Table) => t.id === id) as Table;
    const byCategory = table("callbacks.referredTo");
    const column = (t: Table, name: string) => t.rows.map((r) => r.cells[t.categories.indexOf(name)]);
    expect(byCategory.categories.slice(-2)).toEqual(["unlisted", "notReferred"]);
    expect(column(byCategory, "cpas")).toEqual([6, 5]);
    expect(byCategory.totals[byCategory.categories.indexOf("cpas")]).toBe(11);
    // Two to the CAW and one unlisted in March: too few to publish, and no total gives them away.
    expect(column(byCategory, "caw")).toEqual([null, 0]);
    expect(column(byCategory, "unlisted")).toEqual([null, 0]);
    // The CPAS had eleven: it gets a column of its own; the CAW's two count in "other CAW".
    const byPartner = table("callbacks.referredToPartner");
    expect(byPartner.categories).toContain(a);
    expect(byPartner.categories).not.toContain(b);
    expect(column(byPartner, a)).toEqual([6, 5]);
    expect(column(byPartner, "other:caw")).toEqual([null, 0]);
    const figures = report.body.tables.flatMap(
      (t: Table & { rows: { total: number | null }[]; total: number | null }) => [
        ...t.rows.flatMap((r) => [...r.cells, r.total]),
        ...t.totals,
        t.total,
      ],
    );
    expect(figures.filter((x: number | null) => x !== null && x > 0 && x < 5)).toEqual([]);
    // The outcome table agrees: nine referred elsewhere in March, five in April — and only
    // coordinators read any of it.
    expect(column(table("callbacks.outcome"), "referred_elsewhere")).toEqual([9, 5]);
    expect(
      (await call(world.service, "GET", "/v1/statistics?from=2026-03&to=2026-04", await tokens.police()))
        .status,
    ).toBe(403);
  });
});
