// The intake baseline: a bare Hono + zod endpoint that validates the body with referrals' own
// `ReferralInput` (so it checks exactly what the service checks) and does ONE drizzle insert, on
// the same libSQL settings as the services (`openDatabase`: WAL, busy timeout, serialised writes).
// No auth, idempotency, audit or outbox: that is what it measures.
import { serve } from "@hono/node-server";
import { openDatabase } from "@relais/db";
import { ReferralInput } from "@relais/referrals/referral-input";
import { sqliteTable, text } from "drizzle-orm/sqlite-core";
import { Hono } from "hono";

const referrals = sqliteTable("referrals", {
  id: text("id").primaryKey(),
  policeZone: text("police_zone").notNull(),
  municipality: text("municipality").notNull(),
  riskLevel: text("risk_level").notNull(),
  body: text("body").notNull(),
  createdAt: text("created_at").notNull(),
});

const url = process.env.DATABASE_URL;
if (!url) throw new Error("DATABASE_URL is required");
const database = await openDatabase({ url, schema: { referrals } });
await database.client.execute(
  "CREATE TABLE IF NOT EXISTS referrals (id TEXT PRIMARY KEY, police_zone TEXT NOT NULL, municipality TEXT NOT NULL, risk_level TEXT NOT NULL, body TEXT NOT NULL, created_at TEXT NOT NULL)",
);

const app = new Hono()
  .get("/readyz", (c) => c.json({ status: "ok" }))
  .post("/v1/referrals", async (c) => {
    const parsed = ReferralInput.safeParse(await c.req.json().catch(() => undefined));
    if (!parsed.success) return c.json({ errors: parsed.error.issues }, 400);
    const id = crypto.randomUUID();
    const createdAt = new Date().toISOString();
    await database.write((tx) =>
      tx.insert(referrals).values({
        id,
        policeZone: parsed.data.policeZone,
        municipality: parsed.data.municipality,
        riskLevel: parsed.data.riskLevel,
        body: JSON.stringify(parsed.data),
        createdAt,
      }),
    );
    return c.json({ id, status: "received", createdAt }, 201);
  });

const server = serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: "127.0.0.1" });
process.on("SIGTERM", () => {
  server.close(() => {
    database.close();
    process.exit(0);
  });
});
