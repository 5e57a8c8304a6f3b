// What verbs are given: the settings read from the environment once in main, the sealed box and the
// clock, and either an open transaction (verbs a consumer runs inside its own) or the database and
// the caller (verbs a route runs, each in one `writeVerb`).
import type { Language } from "@relais/contracts";
import type { Tx } from "@relais/db";
import type {
  Clock,
  Logger,
  RecipientOpener,
  SealedBox,
  ServiceDeps,
  VerbContext,
} from "@relais/service-kit";
import { DAY_MS } from "@relais/service-kit";
import type { StatisticsSettings } from "@relais/statistics";
import type * as schema from "../db/schema.js";

export interface Settings {
  mailFrom: string;
  reminderOffsetsMinutes: number[];
  staffLanguage: Language;
  publicUrl: string;
  /** How long a message for a person waits for their contact before it is suppressed `no_contact`. */
  contactWaitMs: number;
  /** How long after a call-back task closes its team may still reach the person's contact. */
  contactAccessAfterCloseMs: number;
}

export const DEFAULT_SETTINGS: Settings = {
  mailFrom: "noreply@relais.local",
  reminderOffsetsMinutes: [1440, 120],
  staffLanguage: "fr",
  publicUrl: "http://127.0.0.1:3003",
  contactWaitMs: 7 * DAY_MS,
  contactAccessAfterCloseMs: 30 * DAY_MS,
};

export interface NotifyDeps {
  box: SealedBox;
  clock: Clock;
  settings: Settings;
}

/** What consumers need: the events' sealed names and contact details are opened there only. */
export interface ConsumerDeps extends NotifyDeps {
  open: RecipientOpener;
}

/** A verb run inside a consumer's (or a job's) transaction. */
export interface TxContext extends NotifyDeps {
  tx: Tx;
  logger?: Logger;
}

/** What `createApp` is built from. */
export interface AppDeps extends ServiceDeps<typeof schema> {
  box: SealedBox;
  settings: Settings;
  /** The organisation's zone and the suppression threshold (default Europe/Brussels, 5). */
  statistics?: StatisticsSettings;
}

/** A verb a route calls: the service's parts and who is asking (the kit's `verbContext`). */
export type RequestContext = VerbContext<Pick<AppDeps, "database" | "box" | "clock" | "settings">>;

/** The validated envelope of one kind of event: what a consumer's verb is given. */
export type { EventOf } from "@relais/bus";
