// The group form's draft and its translation to the service's GroupInput / GroupPatch. Field
// names in the form are the API's paths, so the service's field errors land on their fields.
import type { Group, GroupInput, GroupKind, GroupPatch } from "../../api/groups";
import type { ScheduleDraft } from "../../time/schedule";
import { toScheduleInput } from "../../time/schedule";

export interface GroupDraft {
  kind: GroupKind;
  publicName: string;
  language: "fr" | "nl" | "en";
  municipality: string;
  venueKind: "venue" | "online";
  address: string;
  url: string;
  capacity: string;
  admission: "closed" | "rolling";
  /** Other facilitators' identifiers, comma-separated; the person filling the form is one already. */
  coFacilitators: string;
  schedule: ScheduleDraft;
}

export const ZONES = ["Europe/Brussels", "Europe/Amsterdam", "Europe/Luxembourg", "Europe/Paris"] as const;

export function emptyGroup(
  kind: GroupKind,
  language: GroupDraft["language"],
  publicName: string,
): GroupDraft {
  return {
    kind,
    publicName,
    language,
    municipality: "",
    venueKind: "venue",
    address: "",
    url: "",
    capacity: "10",
    admission: "closed",
    coFacilitators: "",
    schedule: {
      weekdays: ["TU"],
      startTime: "18:00",
      durationMinutes: 120,
      firstDate: "",
      end: { kind: "count", count: 10 },
      timeZone: "Europe/Brussels",
    },
  };
}

export function fromGroup(group: Group, self: string): GroupDraft {
  return {
    ...emptyGroup(group.kind, group.language, group.publicName),
    municipality: group.municipality,
    venueKind: group.location.kind,
    address: group.location.kind === "venue" ? group.location.address : "",
    url: group.location.kind === "online" ? group.location.url : "",
    capacity: String(group.capacity),
    admission: group.admission,
    coFacilitators: group.facilitators
      .map((f) => f.sub)
      .filter((sub) => sub !== self)
      .join(", "),
  };
}

function facilitators(draft: GroupDraft, self: { sub: string; name: string }) {
  const others = draft.coFacilitators
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s && s !== self.sub);
  return [{ sub: self.sub, displayName: self.name }, ...[...new Set(others)].map((sub) => ({ sub }))];
}

function location(draft: GroupDraft): GroupInput["location"] {
  return draft.venueKind === "venue"
    ? { kind: "venue", address: draft.address.trim() }
    : { kind: "online", url: draft.url.trim() };
}

export function toGroupInput(draft: GroupDraft, self: { sub: string; name: string }): GroupInput {
  return {
    kind: draft.kind,
    publicName: draft.publicName.trim(),
    language: draft.language,
    municipality: draft.municipality.trim(),
    location: location(draft),
    capacity: Number(draft.capacity),
    admission: draft.admission,
    facilitators: facilitators(draft, self),
    schedule: toScheduleInput(draft.schedule),
  };
}

/** Only what changed: a PATCH of a field calendars show bumps the series for every participant. */
export function toGroupPatch(
  draft: GroupDraft,
  group: Group,
  self: { sub: string; name: string },
): GroupPatch {
  const patch: GroupPatch = {};
  if (draft.publicName.trim() !== group.publicName) patch.publicName = draft.publicName.trim();
  if (draft.language !== group.language) patch.language = draft.language;
  if (draft.municipality.trim() !== group.municipality) patch.municipality = draft.municipality.trim();
  const next = location(draft);
  if (JSON.stringify(next) !== JSON.stringify(group.location)) patch.location = next;
  if (Number(draft.capacity) !== group.capacity) patch.capacity = Number(draft.capacity);
  if (draft.admission !== group.admission) patch.admission = draft.admission;
  const subs = facilitators(draft, self).map((f) => f.sub);
  const before = group.facilitators.map((f) => f.sub);
  if (subs.length !== before.length || subs.some((s) => !before.includes(s))) {
    // Keep the names and addresses already known; add the new ones by identifier.
    patch.facilitators = subs.map((sub) => group.facilitators.find((f) => f.sub === sub) ?? { sub });
  }
  return patch;
}
