// Opens a person's sealed fields for the callers allowed to see them.
import { type ContactDetails, ContactPreferences, ContactDetails as Details } from "@relais/contracts";
import type { SealedBox } from "@relais/service-kit";
import { z } from "zod";
import type { persons } from "../db/schema.js";

const Sealed = z.object({ contact: Details, preferences: ContactPreferences });

export interface PersonContact {
  displayName: string | null;
  contact: ContactDetails;
  preferences: ContactPreferences;
}

export function openPerson(box: SealedBox, row: typeof persons.$inferSelect): PersonContact {
  const sealed = Sealed.parse(JSON.parse(box.open(row.contact)));
  return {
    displayName: row.displayName ? box.open(row.displayName) : null,
    contact: sealed.contact,
    preferences: sealed.preferences,
  };
}
