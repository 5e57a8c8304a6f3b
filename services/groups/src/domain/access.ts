// Who sees which group: facilitators the groups they run, programme staff perpetrator groups,
// coordinators their whole organisation. Organisation scoping happens in the queries.
import type { GroupKind } from "@relais/contracts";
import type { Principal } from "@relais/service-kit";

export interface GroupAccessFacts {
  kind: GroupKind;
  facilitatorSubs: readonly string[];
}

export function canSeeGroup(principal: Principal, group: GroupAccessFacts): boolean {
  return principal.roles.some((role) => {
    switch (role) {
      case "coordinator":
        return true;
      case "programme_staff":
        return group.kind === "perpetrator";
      case "facilitator":
        return group.facilitatorSubs.includes(principal.sub);
      default:
        return false;
    }
  });
}

/** Programme staff set up perpetrator programmes, facilitators the other kinds, coordinators any. */
export function canCreateGroupKind(principal: Principal, kind: GroupKind): boolean {
  return principal.roles.some(
    (role) =>
      role === "coordinator" ||
      (role === "programme_staff" && kind === "perpetrator") ||
      (role === "facilitator" && kind !== "perpetrator"),
  );
}
