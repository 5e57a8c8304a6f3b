// Opens a person's sealed fields for the callers allowed to see them.
import { type ContactDetails, ContactPreferences, ContactDetails as Details } from "@relais/contracts";
import type { SealedBox } from "@relais/service-kit";
import { z } from "zod";

const Sealed = z.object({ contact: Details, preferences: ContactPreferences });

export interface PersonContact {
  displayName: string | null;
  contact: ContactDetails;
  preferences: ContactPreferences;
}

/** The sealed columns of a `persons` row. */
export interface SealedPerson {
  displayName: string | null;
  contact: string;
}

export function openPerson(box: SealedBox, row: SealedPerson): PersonContact {
  const sealed = Sealed.parse(JSON.parse(box.open(row.contact)));
  return {
    displayName: row.displayName ? box.open(row.displayName) : null,
    contact: sealed.contact,
    preferences: sealed.preferences,
  };
}
