// The screens and their paths. Each screen's code loads when it is first opened, so the first
// page carries only the frame. Paths hold ids at most, never anything personal.
import {
  createRootRoute,
  createRoute,
  createRouter,
  lazyRouteComponent,
  Navigate,
  Outlet,
} from "@tanstack/react-router";
import { useSession } from "../api/session";
import { IdleGuard } from "../session/idle-guard";
import { isLocalDate } from "../time/calendar";
import { Layout } from "../ui/layout";
import { conferenceRoutes } from "./conference-routes";
import { coordinationRoutes } from "./coordination-routes";
import { housingRoutes } from "./housing-routes";
import { lazyScreens } from "./lazy-screen";

const rootRoute = createRootRoute({ component: Outlet });

const signedOutRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/signed-out",
  validateSearch: (search: Record<string, unknown>) => ({
    reason: search.reason === "idle" ? ("idle" as const) : undefined,
  }),
  component: lazyRouteComponent(() => import("../screens/signed-out/signed-out-screen"), "SignedOutScreen"),
});

function SignedInFrame() {
  const session = useSession();
  if (session.isPending) return <p className="loading" role="status" />;
  if (!session.data?.signedIn) return <Navigate to="/sign-in" replace />;
  return (
    <>
      <IdleGuard session={session.data} />
      <Layout session={session.data} />
    </>
  );
}

const appRoute = createRoute({ getParentRoute: () => rootRoute, id: "app", component: SignedInFrame });

function Home() {
  const session = useSession();
  const roles = session.data?.signedIn ? session.data.user.roles : [];
  if (roles.includes("police")) return <Navigate to="/police/referrals" replace />;
  if (roles.includes("housing_staff")) return <Navigate to="/housing" replace />;
  if (roles.includes("partner")) return <Navigate to="/conferences/mine" replace />;
  if (roles.includes("facilitator") || roles.includes("programme_staff"))
    return <Navigate to="/groups" replace />;
  return <Navigate to="/callbacks" replace />;
}

const homeRoute = createRoute({ getParentRoute: () => appRoute, path: "/", component: Home });

const appScreens = lazyScreens(appRoute, {
  "/police/referrals": "police-referrals/zone-referrals-screen#ZoneReferralsScreen",
  "/police/referrals/new": "police-new-referral/new-referral-screen#NewReferralScreen",
  "/callbacks": "callbacks-queue/queue-screen#QueueScreen",
  "/callbacks/$taskId": "callback-task/task-screen#TaskScreen",
  // The local resource directory (issue 17): everyone who refers people on.
  "/directory": "directory/directory-screen#DirectoryScreen",
  // The screens of the people who run groups and programmes (issue 13).
  "/calendar-feed": "calendar-feed/calendar-feed-screen#CalendarFeedScreen",
  "/sessions/$sessionId/attendance": "attendance/attendance-screen#AttendanceScreen",
  "/groups": "my-groups/my-groups-screen#MyGroupsScreen",
  "/groups/new": "group-form/group-form-screen#NewGroupScreen",
  "/groups/$groupId": "group/group-screen#GroupScreen",
  "/groups/$groupId/edit": "group-form/group-form-screen#EditGroupScreen",
  "/groups/$groupId/roster": "roster/roster-screen#RosterScreen",
  "/placements": "placements/placements-screen#PlacementsScreen",
  "/enrolments/$enrolmentId": "mandate/mandate-screen#MandateScreen",
});

const sessionsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/sessions",
  validateSearch: (search: Record<string, unknown>) => ({
    view: search.view === "month" ? ("month" as const) : ("week" as const),
    date: isLocalDate(search.date) ? search.date : undefined,
  }),
  component: lazyRouteComponent(() => import("../screens/sessions/sessions-screen"), "SessionsScreen"),
});

const routeTree = rootRoute.addChildren([
  ...lazyScreens(rootRoute, { "/sign-in": "sign-in/sign-in-screen#SignInScreen" }),
  signedOutRoute,
  appRoute.addChildren([
    homeRoute,
    ...appScreens,
    sessionsRoute,
    coordinationRoutes(appRoute),
    ...housingRoutes(appRoute),
    ...conferenceRoutes(appRoute),
  ]),
]);

export const router = createRouter({ routeTree, defaultPreload: "intent" });

declare module "@tanstack/react-router" {
  interface Register {
    router: typeof router;
  }
}
