// The directory's rows as the API shows them, and the look-up the call-back outcome uses.
import { type Executor, rowByParams, type Tx } from "@relais/db";
import { isInSafeWindow, type SafeWindow } from "@relais/safe-windows";
import { eq } from "drizzle-orm";
import type { PartnerCategory, PartnerInput, PartnerLanguage } from "../domain/directory-input.js";
import { municipalityKey } from "../domain/routing.js";
import type * as schema from "./schema.js";
import { directoryPartnerMunicipalities, directoryPartners } from "./schema.js";

export type PartnerRow = typeof directoryPartners.$inferSelect;

export interface PartnerView {
  id: string;
  name: string;
  category: PartnerCategory;
  municipalities: string[];
  languages: PartnerLanguage[];
  openingHours: { timeZone: string; windows: SafeWindow[] };
  /** Whether the opening hours include this moment; null when it has none (on appointment). */
  openNow: boolean | null;
  howToRefer: string;
  contact: { email: string | null; phone: string | null; website: string | null };
  example: boolean;
  archivedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export function presentPartner(row: PartnerRow, now: Date): PartnerView {
  const openingHours = JSON.parse(row.openingHours) as PartnerView["openingHours"];
  return {
    id: row.id,
    name: row.name,
    category: row.category,
    municipalities: JSON.parse(row.municipalities) as string[],
    languages: JSON.parse(row.languages) as PartnerLanguage[],
    openingHours,
    openNow:
      openingHours.windows.length === 0
        ? null
        : isInSafeWindow(openingHours.windows, openingHours.timeZone, now),
    howToRefer: row.howToRefer,
    contact: { email: row.contactEmail, phone: row.contactPhone, website: row.contactWebsite },
    example: row.example,
    archivedAt: row.archivedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** "CPAS de Liège" and "cpas de liege" sort together. */
export function sortKeyOf(name: string): string {
  return name
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase()
    .trim();
}

/** The municipalities once each (by the routing key), as first written. */
export function distinctMunicipalities(names: readonly string[]): { name: string; key: string }[] {
  const seen = new Map<string, string>();
  for (const name of names) {
    const key = municipalityKey(name);
    if (key !== "" && !seen.has(key)) seen.set(key, name.trim());
  }
  return [...seen].map(([key, name]) => ({ key, name }));
}

/** The columns an input writes (everything but id, organisation, creation and archiving). */
export function partnerColumns(input: PartnerInput, municipalities: { name: string }[]) {
  return {
    name: input.name,
    sortKey: sortKeyOf(input.name),
    category: input.category,
    municipalities: JSON.stringify(municipalities.map((m) => m.name)),
    languages: JSON.stringify([...new Set(input.languages)]),
    openingHours: JSON.stringify(input.openingHours),
    howToRefer: input.howToRefer,
    contactEmail: input.contact.email ?? null,
    contactPhone: input.contact.phone ?? null,
    contactWebsite: input.contact.website ?? null,
    example: input.example,
  };
}

export async function writeMunicipalities(
  tx: Tx<typeof schema>,
  orgId: string,
  partnerId: string,
  municipalities: { key: string }[],
): Promise<void> {
  await tx
    .delete(directoryPartnerMunicipalities)
    .where(eq(directoryPartnerMunicipalities.partnerId, partnerId));
  if (municipalities.length === 0) return;
  await tx
    .insert(directoryPartnerMunicipalities)
    .values(municipalities.map((m) => ({ partnerId, orgId, municipalityKey: m.key })));
}

/** The organisation's partner by id, or undefined: another organisation's id is as good as none. */
export async function partnerOf(
  tx: Executor<typeof schema>,
  orgId: string,
  id: string,
): Promise<PartnerRow | undefined> {
  return rowByParams(tx, "referrals.partnerOf", directoryPartners, { id, orgId });
}
