import type { Language } from "@relais/contracts";
import type { Clock, RecipientOpener, SealedBox } from "@relais/service-kit";

/** What consumers and the scheduler need besides the database: read from the environment once in main. */
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

export interface NotifyDeps {
  box: SealedBox;
  clock: Clock;
  settings: Settings;
}

/** What consumers need: the events' sealed names and contact details are opened there only. */
export interface ConsumerDeps extends NotifyDeps {
  open: RecipientOpener;
}

export const DEFAULT_SETTINGS: Settings = {
  mailFrom: "noreply@relais.local",
  reminderOffsetsMinutes: [1440, 120],
  staffLanguage: "fr",
  publicUrl: "http://127.0.0.1:3003",
  contactWaitMs: 7 * 24 * 3_600_000,
  contactAccessAfterCloseMs: 30 * 24 * 3_600_000,
};
