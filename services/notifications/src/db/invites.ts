// One calendar per series and recipient: a stable UID, a SEQUENCE that is persisted and only grows.
import { createHash } from "node:crypto";
import { newId } from "@relais/contracts";
import { type Executor, insertRows, rowByParams } from "@relais/db";
import { and, eq } from "drizzle-orm";
import { invites } from "./schema.js";

export type Invite = typeof invites.$inferSelect;

/** Derived, so it is the same however often it is computed, and reveals neither group nor person. */
export function inviteUid(groupId: string, personRef: string): string {
  return `${createHash("sha256").update(`${groupId}\n${personRef}`).digest("hex").slice(0, 32)}@relais`;
}

export async function findInvite(db: Executor, groupId: string, personRef: string): Promise<Invite | null> {
  return (await rowByParams(db, "notifications.findInvite", invites, { groupId, personRef })) ?? null;
}

export async function enrolledInvites(db: Executor, groupId: string): Promise<Invite[]> {
  return db
    .select()
    .from(invites)
    .where(and(eq(invites.groupId, groupId), eq(invites.status, "enrolled")));
}

/**
 * Records the invite's new state. `bump` moves SEQUENCE on: every calendar sent after the first
 * must carry a higher one or clients ignore it.
 */
export async function writeInvite(
  tx: Executor,
  input: {
    orgId: string;
    groupId: string;
    personRef: string;
    enrolmentId: string;
    status: Invite["status"];
    bump: boolean;
    now: Date;
  },
): Promise<Invite> {
  const existing = await findInvite(tx, input.groupId, input.personRef);
  const at = input.now.toISOString();
  if (!existing) {
    const row: Invite = {
      id: newId(),
      orgId: input.orgId,
      groupId: input.groupId,
      personRef: input.personRef,
      enrolmentId: input.enrolmentId,
      uid: inviteUid(input.groupId, input.personRef),
      sequence: 0,
      status: input.status,
      updatedAt: at,
    };
    await insertRows(tx, invites, [row]);
    return row;
  }
  const updated: Invite = {
    ...existing,
    enrolmentId: input.enrolmentId,
    status: input.status,
    sequence: input.bump ? existing.sequence + 1 : existing.sequence,
    updatedAt: at,
  };
  await tx.update(invites).set(updated).where(eq(invites.id, existing.id));
  return updated;
}
