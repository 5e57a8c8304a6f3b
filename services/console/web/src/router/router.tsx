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

const rootRoute = createRootRoute({ component: Outlet });

const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/sign-in",
  component: lazyRouteComponent(() => import("../screens/sign-in/sign-in-screen"), "SignInScreen"),
});

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

const zoneReferralsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/police/referrals",
  component: lazyRouteComponent(
    () => import("../screens/police-referrals/zone-referrals-screen"),
    "ZoneReferralsScreen",
  ),
});

const newReferralRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/police/referrals/new",
  component: lazyRouteComponent(
    () => import("../screens/police-new-referral/new-referral-screen"),
    "NewReferralScreen",
  ),
});

const queueRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/callbacks",
  component: lazyRouteComponent(() => import("../screens/callbacks-queue/queue-screen"), "QueueScreen"),
});

const taskRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/callbacks/$taskId",
  component: lazyRouteComponent(() => import("../screens/callback-task/task-screen"), "TaskScreen"),
});

// The local resource directory (issue 17): everyone who refers people on.
const directoryRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/directory",
  component: lazyRouteComponent(() => import("../screens/directory/directory-screen"), "DirectoryScreen"),
});

// The screens of the people who run groups and programmes (issue 13).
const myGroupsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/groups",
  component: lazyRouteComponent(() => import("../screens/my-groups/my-groups-screen"), "MyGroupsScreen"),
});
const newGroupRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/groups/new",
  component: lazyRouteComponent(() => import("../screens/group-form/group-form-screen"), "NewGroupScreen"),
});
const groupRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/groups/$groupId",
  component: lazyRouteComponent(() => import("../screens/group/group-screen"), "GroupScreen"),
});
const editGroupRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/groups/$groupId/edit",
  component: lazyRouteComponent(() => import("../screens/group-form/group-form-screen"), "EditGroupScreen"),
});
const rosterRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/groups/$groupId/roster",
  component: lazyRouteComponent(() => import("../screens/roster/roster-screen"), "RosterScreen"),
});
const placementsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/placements",
  component: lazyRouteComponent(() => import("../screens/placements/placements-screen"), "PlacementsScreen"),
});
const mandateRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/enrolments/$enrolmentId",
  component: lazyRouteComponent(() => import("../screens/mandate/mandate-screen"), "MandateScreen"),
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
const attendanceRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/sessions/$sessionId/attendance",
  component: lazyRouteComponent(() => import("../screens/attendance/attendance-screen"), "AttendanceScreen"),
});
const calendarFeedRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/calendar-feed",
  component: lazyRouteComponent(
    () => import("../screens/calendar-feed/calendar-feed-screen"),
    "CalendarFeedScreen",
  ),
});
const staffRoutes = [
  calendarFeedRoute,
  sessionsRoute,
  attendanceRoute,
  myGroupsRoute,
  newGroupRoute,
  groupRoute,
  editGroupRoute,
  rosterRoute,
  placementsRoute,
  mandateRoute,
];

const routeTree = rootRoute.addChildren([
  signInRoute,
  signedOutRoute,
  appRoute.addChildren([
    homeRoute,
    zoneReferralsRoute,
    newReferralRoute,
    queueRoute,
    taskRoute,
    directoryRoute,
    ...staffRoutes,
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
