import { newId } from "@relais/contracts";
import { audit, Forbidden, writeVerb } from "@relais/service-kit";
import { type GroupRecord, type SessionRecord, toGroupRecord } from "../db/group-store.js";
import { groupFacilitators, groups, sessions } from "../db/schema.js";
import { canCreateGroupKind } from "../domain/access.js";
import { DEFAULT_POLICY } from "../domain/compliance.js";
import type { GroupInput } from "../domain/group-input.js";
import { locationKey } from "../domain/overlap.js";
import { expandSchedule } from "../domain/recurrence.js";
import type { Ctx } from "./context.js";

export interface CreatedGroup {
  group: GroupRecord;
  sessions: SessionRecord[];
}

export async function createGroup(ctx: Ctx, input: GroupInput): Promise<CreatedGroup> {
  const { principal } = ctx;
  if (!canCreateGroupKind(principal, input.kind))
    throw new Forbidden("Programme staff set up perpetrator groups; facilitators the other kinds");
  const expanded = expandSchedule(input.schedule);
  const now = ctx.clock.now().toISOString();
  // A facilitator who sets up a group runs it, or they could not see what they just made.
  const facilitators =
    principal.roles.includes("facilitator") && !input.facilitators.some((f) => f.sub === principal.sub)
      ? [...input.facilitators, { sub: principal.sub }]
      : input.facilitators;
  const id = newId();
  const row = {
    id,
    orgId: principal.org,
    kind: input.kind,
    publicName: input.publicName,
    language: input.language,
    municipality: input.municipality,
    location: JSON.stringify(input.location),
    venueKey: locationKey(input.location),
    capacity: input.capacity,
    admission: input.admission,
    facilitators: JSON.stringify(facilitators),
    compliancePolicy:
      input.kind === "perpetrator" ? JSON.stringify(input.compliancePolicy ?? DEFAULT_POLICY) : null,
    timeZone: input.schedule.timeZone,
    dtstart: expanded.dtstart,
    rrule: expanded.rrule,
    durationMinutes: input.schedule.durationMinutes,
    sequence: 0,
    createdBy: principal.sub,
    createdAt: now,
    updatedAt: now,
  };
  const sessionRows: SessionRecord[] = expanded.occurrences.map((o) => ({
    id: newId(),
    groupId: id,
    orgId: principal.org,
    originalStartsAt: o.startsAt,
    startsAt: o.startsAt,
    endsAt: o.endsAt,
    status: "scheduled",
    cancelReason: null,
  }));
  const created: CreatedGroup = { group: toGroupRecord(row), sessions: sessionRows };
  return writeVerb(ctx, async (tx, authorised) => {
    // Who may set up a group is settled above; the answer is its creator's.
    await authorised(`sub:${principal.sub}`);
    await tx.insert(groups).values(row);
    await tx.insert(groupFacilitators).values(facilitators.map((f) => ({ groupId: id, sub: f.sub })));
    await tx.insert(sessions).values(sessionRows);
    await audit(tx, ctx, "group.create", { type: "group", id });
    return created;
  });
}
