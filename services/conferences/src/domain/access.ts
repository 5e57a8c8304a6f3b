// Who may see what of a conference. The organising organisation's coordinators see everything; an
// invited partner (a token of the invited organisation with the invited role, and for police the
// invited zone) sees the conference, and of its agenda only the items open to all invitees or
// confidential to them. Everyone else learns nothing, not even that it exists.
import { Conflict, type Principal } from "@relais/service-kit";

export interface InviteeFacts {
  id: string;
  organisation: string;
  role: "partner" | "police";
  zone: string | null;
  status: "invited" | "removed";
}

export type Viewer = { kind: "organiser" } | { kind: "invitee"; inviteeIds: Set<string> };

export function viewerOf(
  principal: Principal,
  zone: string,
  conference: { orgId: string },
  invitees: readonly InviteeFacts[],
): Viewer | null {
  if (principal.org === conference.orgId && principal.roles.includes("coordinator"))
    return { kind: "organiser" };
  const mine = invitees.filter((invitee) => isInvitee(principal, zone, invitee));
  return mine.length > 0 ? { kind: "invitee", inviteeIds: new Set(mine.map((i) => i.id)) } : null;
}

export function isInvitee(principal: Principal, zone: string, invitee: InviteeFacts): boolean {
  return (
    invitee.status === "invited" &&
    principal.org === invitee.organisation &&
    principal.roles.includes(invitee.role) &&
    (invitee.role !== "police" || invitee.zone === zone)
  );
}

export function canSeeItem(
  viewer: Viewer,
  item: { confidential: boolean },
  audience: readonly string[],
): boolean {
  if (viewer.kind === "organiser") return true;
  if (!item.confidential) return true;
  return audience.some((id) => viewer.inviteeIds.has(id));
}

/**
 * Who may change an action: the organiser, or the invitee who owns it while they still see its
 * item (an item made confidential later may have left them out; then the action is not theirs to
 * read or change any more).
 */
export function mayChangeAction(
  viewer: Viewer | null,
  action: { ownerInviteeId: string },
  item: { confidential: boolean },
  audience: readonly string[],
): boolean {
  if (!viewer) return false;
  if (viewer.kind === "organiser") return true;
  return viewer.inviteeIds.has(action.ownerInviteeId) && canSeeItem(viewer, item, audience);
}

/** The items of an agenda the viewer may see. */
export function visibleItems<T extends { confidential: boolean; audience: readonly string[] }>(
  viewer: Viewer,
  items: T[],
): T[] {
  return items.filter((item) => canSeeItem(viewer, item, item.audience));
}

/** A cancelled conference takes no more changes: no new item, decision, invitee or schedule. */
export function assertConferenceOpen(conference: { status: string }): void {
  if (conference.status === "cancelled")
    throw new Conflict("The conference is cancelled", "conference_cancelled");
}
