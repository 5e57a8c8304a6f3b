// The coordinator's screens under /coordination (issue 14), one lazy chunk each. Paths carry ids at
// most (a team id, a referral id to filter the audit trail), never anything personal.
import { type AnyRoute, createRoute, lazyRouteComponent, Navigate } from "@tanstack/react-router";
import { CoordinationFrame } from "../screens/coordination/coordination-frame";
import { lazyScreens } from "./lazy-screen";

export function coordinationRoutes(appRoute: AnyRoute) {
  const frame = createRoute({
    getParentRoute: () => appRoute,
    path: "/coordination",
    component: CoordinationFrame,
  });
  const screen = lazyScreens(frame);
  return frame.addChildren([
    createRoute({
      getParentRoute: () => frame,
      path: "/",
      component: () => <Navigate to="/coordination/oversight" replace />,
    }),
    screen("/oversight", () => import("../screens/oversight/oversight-screen"), "OversightScreen"),
    screen("/oversight/$team", () => import("../screens/oversight/team-tasks-screen"), "TeamTasksScreen"),
    screen("/escalations", () => import("../screens/escalations/escalations-screen"), "EscalationsScreen"),
    screen("/unrouted", () => import("../screens/unrouted/unrouted-screen"), "UnroutedScreen"),
    screen("/lookup", () => import("../screens/lookup/lookup-screen"), "LookupScreen"),
    screen("/routing", () => import("../screens/routing/routing-screen"), "RoutingScreen"),
    screen("/zones", () => import("../screens/zones/zones-screen"), "ZonesScreen"),
    screen("/dead-letters", () => import("../screens/dead-letters/dead-letters-screen"), "DeadLettersScreen"),
    screen("/delivery-log", () => import("../screens/delivery-log/delivery-log-screen"), "DeliveryLogScreen"),
    screen("/criticality-grids", () => import("../screens/criticality/grids-screen"), "GridsScreen"),
    screen("/statistics", () => import("../screens/statistics/statistics-screen"), "StatisticsScreen"),
    createRoute({
      getParentRoute: () => frame,
      path: "/audit",
      validateSearch: (search: Record<string, unknown>) => ({
        record:
          typeof search.record === "string" && /^[A-Za-z0-9_-]{1,80}$/.test(search.record)
            ? search.record
            : undefined,
      }),
      component: lazyRouteComponent(() => import("../screens/audit/audit-screen"), "AuditScreen"),
    }),
  ]);
}
