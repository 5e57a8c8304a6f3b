// Emergency housing's screens under /housing (issue 17), one lazy chunk each, and the links each
// role gets. Paths carry no id at all: people and places are picked on the screens.
import type { AnyRoute } from "@tanstack/react-router";
import type { Role } from "../api/session";
import type { useT } from "../i18n/i18n";
import { lazyScreens } from "./lazy-screen";

export function housingRoutes(appRoute: AnyRoute) {
  return lazyScreens(appRoute, {
    "/housing": "housing/stays-screen#HousingStaysScreen",
    "/housing/places": "housing/places-screen#HousingPlacesScreen",
    "/housing/request": "housing/request-screen#HousingRequestScreen",
    "/housing/follow-ups": "housing/follow-ups-screen#HousingFollowUpsScreen",
    "/housing/occupancy": "housing/occupancy-screen#HousingOccupancyScreen",
  });
}

export function housingLinks(roles: readonly Role[], t: ReturnType<typeof useT>) {
  const links: Array<{ to: string; label: string }> = [];
  if (roles.includes("housing_staff"))
    links.push(
      { to: "/housing", label: t("housing.nav.stays") },
      { to: "/housing/places", label: t("housing.nav.places") },
    );
  if (roles.includes("caseworker") || roles.includes("coordinator"))
    links.push(
      { to: "/housing/request", label: t("housing.nav.request") },
      { to: "/housing/follow-ups", label: t("housing.nav.followUps") },
    );
  if (roles.includes("coordinator"))
    links.push({ to: "/housing/occupancy", label: t("housing.nav.occupancy") });
  return links;
}
