// Who sees a placement: the housing partner's staff and the coordinators of the organisation
// all of them; a call-back worker those their own teams asked for. Nobody but housing staff
// sees which place it is, and nobody at all sees an address here (that is its own audited read).
import type { Principal } from "@relais/service-kit";

export function seesEveryPlacement(principal: Principal): boolean {
  return principal.roles.includes("housing_staff") || principal.roles.includes("coordinator");
}

export function seesPlacement(
  principal: Principal,
  teams: readonly string[],
  row: { orgId: string; team: string | null },
) {
  if (row.orgId !== principal.org) return false;
  if (seesEveryPlacement(principal)) return true;
  return principal.roles.includes("caseworker") && row.team !== null && teams.includes(row.team);
}

export function seesPlace(principal: Principal): boolean {
  return principal.roles.includes("housing_staff");
}
