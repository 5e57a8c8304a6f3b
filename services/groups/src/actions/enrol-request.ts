// A member of staff enrols someone: directly by person reference, or by placing someone from the
// placements list (people referred and awaiting a group).
import type { ContactDetails, ContactPreferences, EnrolmentPersonSealed, Language } from "@relais/contracts";
import { rowByParams } from "@relais/db";
import { audit, Conflict, Invalid, type RecipientSealer } from "@relais/service-kit";
import { eq } from "drizzle-orm";
import { Mandate } from "../db/enrolment-store.js";
import { placements } from "../db/schema.js";
import type { EnrolCtx } from "./context.js";
import { type Enrolled, enrolParticipant, type Participant } from "./enrol-participant.js";
import { writeOnGroup } from "./record-verbs.js";

export interface EnrolmentRequest {
  personRef?: string;
  placementId?: string;
  displayName?: string;
  language?: Language;
  contact?: ContactDetails;
  preferences?: ContactPreferences;
  mandate?: Mandate;
}

/** What staff typed about the person goes to notifications sealed; groups keeps only the name. */
function passOn(request: EnrolmentRequest, sealer: RecipientSealer): Participant["passOn"] {
  if (!request.contact && !request.preferences) return undefined;
  const fields: EnrolmentPersonSealed = {
    displayName: request.displayName,
    contact: request.contact,
    preferences: request.preferences,
  };
  return { fields, sealer };
}

export async function enrolByStaff(
  ctx: EnrolCtx,
  { groupId, request }: { groupId: string; request: EnrolmentRequest },
): Promise<Enrolled> {
  const { principal, requestId } = ctx;
  // The stored answer is looked up after "may this caller enrol in this group" and before "is this
  // person enrolled already": a retry of an enrolment that happened gets its answer, not already_enrolled.
  return writeOnGroup(ctx, groupId, async (tx, group) => {
    const now = ctx.clock.now();
    let participant: Participant;
    let placementId: string | undefined;
    if (request.placementId) {
      const placement = await rowByParams(tx, "groups.placementToEnrol", placements, {
        id: request.placementId,
        orgId: principal.org,
      });
      if (!placement)
        throw new Invalid("No such placement", [
          { path: "placementId", code: "unknown_reference", message: "Unknown placement" },
        ]);
      if (placement.status !== "awaiting")
        throw new Conflict("This person has already been placed", "already_placed");
      placementId = placement.id;
      participant = {
        personRef: placement.personRef,
        language: request.language ?? placement.language,
        displayName: request.displayName ?? placement.displayName ?? undefined,
        passOn: passOn(request, ctx.seal.notifications),
        mandate:
          request.mandate ?? (placement.mandate ? Mandate.parse(JSON.parse(placement.mandate)) : undefined),
        source: "placement",
        referralId: placement.referralId,
      };
    } else if (request.personRef) {
      participant = {
        personRef: request.personRef,
        language: request.language ?? group.language,
        displayName: request.displayName,
        passOn: passOn(request, ctx.seal.notifications),
        mandate: request.mandate,
        source: "direct",
      };
    } else {
      throw new Invalid("Give personRef or placementId", [
        { path: "personRef", code: "one_of_required", message: "Required" },
      ]);
    }
    const enrolled = await enrolParticipant(tx, { group, participant, now, correlationId: requestId });
    if (placementId)
      await tx
        .update(placements)
        .set({
          status: "placed",
          groupId: group.id,
          enrolmentId: enrolled.enrolment.id,
          placedAt: now.toISOString(),
        })
        .where(eq(placements.id, placementId));
    await audit(tx, ctx, "enrolment.create", {
      type: "enrolment",
      id: enrolled.enrolment.id,
    });
    return enrolled;
  });
}
