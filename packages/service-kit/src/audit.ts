// Who read or changed which record, and when. Every access to personal data writes one row, and
// so does every attempt that was refused (`outcome: denied`, see denied-audit.ts).
import { type AuditAction, type AuditRecordType, newId, type Role } from "@relais/contracts";
import { type Executor, insertRows } from "@relais/db";
import { and, desc, eq, gte, lt } from "drizzle-orm";
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { z } from "zod";
import type { Principal } from "./auth.js";
import { decodeCursor, encodeCursor } from "./pagination.js";

export const auditLog = sqliteTable(
  "audit_log",
  {
    // UUIDv7: ordered by time, so the id alone is the paging key.
    id: text("id").primaryKey(),
    org: text("org").notNull(),
    actorSub: text("actor_sub").notNull(),
    /** JSON array of the actor's roles when they acted. */
    actorRoles: text("actor_roles").notNull(),
    action: text("action").notNull(),
    recordType: text("record_type").notNull(),
    recordId: text("record_id").notNull(),
    requestId: text("request_id"),
    at: text("at").notNull(),
    outcome: text("outcome", { enum: ["allowed", "denied"] })
      .notNull()
      .default("allowed"),
    /** For a denied attempt: the HTTP status it got (401, 403, 404) and the route pattern. */
    status: integer("status"),
    route: text("route"),
  },
  // The trail's pages, newest first, with or without the outcome. (No index on the record: no
  // query names a record type, and each index is one more b-tree every audited action writes.)
  (table) => [
    index("audit_log_org_id_idx").on(table.org, table.id),
    index("audit_log_org_outcome_id_idx").on(table.org, table.outcome, table.id),
  ],
);

export interface AuditEntry {
  principal: Principal;
  action: AuditAction;
  recordType: AuditRecordType;
  recordId: string;
  requestId?: string;
  at?: Date;
}

export type AuditOutcome = "allowed" | "denied";

export interface AuditRecord {
  id: string;
  outcome: AuditOutcome;
  actor: { sub: string; roles: Role[] };
  action: string;
  recordType: string;
  recordId: string;
  /** Denied attempts only. */
  status: number | null;
  route: string | null;
  requestId: string | null;
  at: string;
}

export interface DeniedEntry {
  principal: Principal;
  status: number;
  /** `GET /v1/contacts/:personRef` */
  route: string;
  recordType: string;
  recordId: string;
  requestId?: string;
  at?: Date;
}

/** A refused attempt; written in its own transaction, since the refused request made none. */
export async function recordDenied(tx: Executor, entry: DeniedEntry): Promise<void> {
  await tx.insert(auditLog).values({
    id: newId(),
    org: entry.principal.org,
    actorSub: entry.principal.sub,
    actorRoles: JSON.stringify(entry.principal.roles),
    action: "access.denied",
    recordType: entry.recordType,
    recordId: entry.recordId,
    requestId: entry.requestId ?? null,
    at: (entry.at ?? new Date()).toISOString(),
    outcome: "denied",
    status: entry.status,
    route: entry.route,
  });
}

/** Call inside the transaction that reads or changes the record, so the trail cannot miss it. */
export async function recordAudit(tx: Executor, entry: AuditEntry): Promise<void> {
  await insertRows(tx, auditLog, [
    {
      id: newId(),
      org: entry.principal.org,
      actorSub: entry.principal.sub,
      actorRoles: JSON.stringify(entry.principal.roles),
      action: entry.action,
      recordType: entry.recordType,
      recordId: entry.recordId,
      requestId: entry.requestId ?? null,
      at: (entry.at ?? new Date()).toISOString(),
    },
  ]);
}

/** What `caller` (a verb's context: who asks, in which request) did to `record`, on the trail. */
export async function audit(
  tx: Executor,
  caller: { principal: Principal; requestId?: string },
  action: AuditAction,
  record: { type: AuditRecordType; id: string },
): Promise<void> {
  await recordAudit(tx, {
    principal: caller.principal,
    action,
    recordType: record.type,
    recordId: record.id,
    requestId: caller.requestId,
  });
}

/** The subject a retention purge's audit rows name. */
export const RETENTION_ACTOR = "system:retention";

/** A retention purge on the organisation's trail: one row a record that went, ids only. */
export async function auditPurge(
  tx: Executor,
  orgId: string,
  records: ReadonlyArray<{ type: AuditRecordType; id: string }>,
  at: Date,
): Promise<void> {
  const principal = { sub: RETENTION_ACTOR, org: orgId, roles: [] };
  for (const record of records) {
    await recordAudit(tx, {
      principal,
      action: "retention.purge",
      recordType: record.type,
      recordId: record.id,
      at,
    });
  }
}

const AuditCursor = z.object({ id: z.string().min(1) });

/** Newest first. */
export async function listAudit(
  db: Executor,
  org: string,
  page: {
    limit: number;
    cursor?: string;
    outcome?: AuditOutcome;
    from?: Date;
    to?: Date;
    recordId?: string;
    actor?: string;
  },
): Promise<{ items: AuditRecord[]; nextCursor: string | null }> {
  const after = decodeCursor(page.cursor, AuditCursor);
  const rows = await db
    .select()
    .from(auditLog)
    .where(
      and(
        eq(auditLog.org, org),
        after ? lt(auditLog.id, after.id) : undefined,
        page.outcome ? eq(auditLog.outcome, page.outcome) : undefined,
        // `at` is always written by toISOString, so strings compare as instants.
        page.from ? gte(auditLog.at, page.from.toISOString()) : undefined,
        page.to ? lt(auditLog.at, page.to.toISOString()) : undefined,
        page.recordId ? eq(auditLog.recordId, page.recordId) : undefined,
        page.actor ? eq(auditLog.actorSub, page.actor) : undefined,
      ),
    )
    .orderBy(desc(auditLog.id))
    .limit(page.limit + 1);
  const items = rows.slice(0, page.limit).map(toRecord);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > page.limit && last ? encodeCursor({ id: last.id }) : null };
}

function toRecord(row: typeof auditLog.$inferSelect): AuditRecord {
  return {
    id: row.id,
    outcome: row.outcome,
    actor: { sub: row.actorSub, roles: JSON.parse(row.actorRoles) as Role[] },
    action: row.action,
    recordType: row.recordType,
    recordId: row.recordId,
    status: row.status,
    route: row.route,
    requestId: row.requestId,
    at: row.at,
  };
}
