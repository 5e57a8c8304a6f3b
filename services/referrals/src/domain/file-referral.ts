import { enqueue } from "@relais/bus";
import { createEvent, newId, ReferralReceived } from "@relais/contracts";
import type { Database } from "@relais/db";
import { type Clock, type Principal, recordAudit } from "@relais/service-kit";
import { persons, referrals } from "../db/schema.js";
import type { ReferralInput, ReferralPersonInput } from "./referral-input.js";

export interface FiledReferral {
  id: string;
  status: "received";
  createdAt: string;
  persons: Array<{
    personRef: string;
    role: "victim" | "author";
    contactable: boolean;
    reason: string | null;
  }>;
}

/** Why a person gets no call-back, in words the police may see; null when one will be made. */
export function noContactReason(person: ReferralPersonInput): string | null {
  if (!person.consent) return "no_consent";
  if (person.preferences.doNotContact) return "do_not_contact";
  if (!person.contact.phone && !person.contact.email) return "no_contact_details";
  return null;
}

export async function fileReferral(
  deps: { database: Database; clock: Clock },
  principal: Principal,
  input: ReferralInput,
  correlationId: string,
): Promise<FiledReferral> {
  const id = newId();
  const now = deps.clock.now().toISOString();
  const filed = input.persons.map((person) => ({
    person,
    personRef: `prs_${newId()}`,
    reason: noContactReason(person),
  }));
  const event = createEvent(ReferralReceived, {
    orgId: principal.org,
    source: "referrals",
    correlationId,
    occurredAt: deps.clock.now(),
    data: {
      referralId: id,
      policeZone: input.policeZone,
      municipality: input.municipality,
      riskLevel: input.riskLevel,
      childrenPresent: input.childrenPresent,
      persons: filed.map(({ person, personRef, reason }) => ({
        personRef,
        role: person.role,
        displayName: person.displayName,
        consent: person.consent,
        language: person.language,
        timeZone: person.timeZone,
        // Only contactable persons' details leave this service.
        contact: reason === null ? person.contact : undefined,
        preferences: person.preferences,
      })),
    },
  });

  await deps.database.write(async (tx) => {
    await tx.insert(referrals).values({
      id,
      orgId: principal.org,
      policeZone: input.policeZone,
      incidentReference: input.incidentReference,
      incidentAt: input.incidentAt,
      kind: input.kind,
      riskLevel: input.riskLevel,
      riskScore: input.riskScore ?? null,
      childrenPresent: input.childrenPresent,
      municipality: input.municipality,
      status: "received",
      filedBy: principal.sub,
      createdAt: now,
    });
    await tx.insert(persons).values(
      filed.map(({ person, personRef, reason }) => ({
        personRef,
        referralId: id,
        role: person.role,
        displayName: person.displayName ?? null,
        consent: person.consent,
        language: person.language,
        timeZone: person.timeZone,
        contact: JSON.stringify({ contact: person.contact, preferences: person.preferences }),
        noTaskReason: reason,
      })),
    );
    await enqueue(tx, event);
    await recordAudit(tx, {
      principal,
      action: "referral.create",
      recordType: "referral",
      recordId: id,
      at: deps.clock.now(),
    });
  });

  return {
    id,
    status: "received",
    createdAt: now,
    persons: filed.map(({ person, personRef, reason }) => ({
      personRef,
      role: person.role,
      contactable: reason === null,
      reason,
    })),
  };
}
