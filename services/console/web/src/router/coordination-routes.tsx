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
  return frame.addChildren([
    createRoute({
      getParentRoute: () => frame,
      path: "/",
      component: () => <Navigate to="/coordination/oversight" replace />,
    }),
    ...lazyScreens(frame, {
      "/oversight": "oversight/oversight-screen#OversightScreen",
      "/oversight/$team": "oversight/team-tasks-screen#TeamTasksScreen",
      "/escalations": "escalations/escalations-screen#EscalationsScreen",
      "/unrouted": "unrouted/unrouted-screen#UnroutedScreen",
      "/lookup": "lookup/lookup-screen#LookupScreen",
      "/routing": "routing/routing-screen#RoutingScreen",
      "/zones": "zones/zones-screen#ZonesScreen",
      "/dead-letters": "dead-letters/dead-letters-screen#DeadLettersScreen",
      "/delivery-log": "delivery-log/delivery-log-screen#DeliveryLogScreen",
      "/criticality-grids": "criticality/grids-screen#GridsScreen",
      "/statistics": "statistics/statistics-screen#StatisticsScreen",
    }),
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
