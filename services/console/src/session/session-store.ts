// Server-side sessions in the console's libSQL database. The cookie holds a random id; the table
// holds its hash, the user, the CSRF token and the two clocks: idle and absolute.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { Language } from "@relais/contracts";
import type { Database } from "@relais/db";
import type { Clock } from "@relais/service-kit";
import { eq, lt } from "drizzle-orm";
import { ConsoleUser } from "../auth/user.js";
import * as schema from "../db/schema.js";

const { sessions } = schema;

export interface Session {
  idHash: string;
  user: ConsoleUser;
  csrfToken: string;
  language: Language | null;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  /** When idleness ends it, counted from the last activity. */
  idleEndsAt: Date;
}

export type SessionLookup =
  | { kind: "active"; session: Session }
  | { kind: "expired"; reason: "idle" | "absolute" }
  | { kind: "none" };

export interface SessionPolicy {
  idleMinutes: number;
  absoluteHours: number;
}

export interface SessionStore {
  create(user: ConsoleUser): Promise<{ id: string; session: Session }>;
  /** Looks the session up; `touch` counts the request as activity. */
  lookup(id: string | undefined, options: { touch: boolean }): Promise<SessionLookup>;
  setLanguage(idHash: string, language: Language): Promise<void>;
  end(idHash: string): Promise<void>;
  purgeExpired(): Promise<void>;
}

const hash = (id: string) => createHash("sha256").update(id).digest("base64url");

export function createSessionStore(
  database: Database<typeof schema>,
  clock: Clock,
  policy: SessionPolicy,
): SessionStore {
  const idleMs = policy.idleMinutes * 60_000;

  function toSession(row: typeof sessions.$inferSelect): Session {
    const lastSeenAt = new Date(row.lastSeenAt);
    return {
      idHash: row.idHash,
      user: ConsoleUser.parse(JSON.parse(row.user)),
      csrfToken: row.csrfToken,
      language: (row.language as Language | null) ?? null,
      createdAt: new Date(row.createdAt),
      lastSeenAt,
      expiresAt: new Date(row.expiresAt),
      idleEndsAt: new Date(lastSeenAt.getTime() + idleMs),
    };
  }

  return {
    async create(user) {
      const id = randomBytes(32).toString("base64url");
      const now = clock.now();
      const row = {
        idHash: hash(id),
        user: JSON.stringify(user),
        csrfToken: randomBytes(32).toString("base64url"),
        language: user.language ?? null,
        createdAt: now.toISOString(),
        lastSeenAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + policy.absoluteHours * 3_600_000).toISOString(),
      };
      await database.write((tx) => tx.insert(sessions).values(row));
      return { id, session: toSession(row) };
    },

    async lookup(id, { touch }) {
      if (!id || id.length > 100) return { kind: "none" };
      const idHash = hash(id);
      const [row] = await database.db.select().from(sessions).where(eq(sessions.idHash, idHash)).limit(1);
      if (!row) return { kind: "none" };
      const session = toSession(row);
      const now = clock.now();
      const reason = now >= session.expiresAt ? "absolute" : now >= session.idleEndsAt ? "idle" : undefined;
      if (reason) {
        await database.write((tx) => tx.delete(sessions).where(eq(sessions.idHash, idHash)));
        return { kind: "expired", reason };
      }
      if (touch) {
        await database.write((tx) =>
          tx.update(sessions).set({ lastSeenAt: now.toISOString() }).where(eq(sessions.idHash, idHash)),
        );
        session.lastSeenAt = now;
        session.idleEndsAt = new Date(now.getTime() + idleMs);
      }
      return { kind: "active", session };
    },

    async setLanguage(idHash, language) {
      await database.write((tx) => tx.update(sessions).set({ language }).where(eq(sessions.idHash, idHash)));
    },

    async end(idHash) {
      await database.write((tx) => tx.delete(sessions).where(eq(sessions.idHash, idHash)));
    },

    async purgeExpired() {
      const now = clock.now();
      const idleCutoff = new Date(now.getTime() - idleMs).toISOString();
      await database.write(async (tx) => {
        await tx.delete(sessions).where(lt(sessions.expiresAt, now.toISOString()));
        await tx.delete(sessions).where(lt(sessions.lastSeenAt, idleCutoff));
      });
    },
  };
}

/** Constant-time comparison of a CSRF token sent by the browser with the session's. */
export function csrfMatches(sent: string | undefined, expected: string): boolean {
  if (!sent) return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
