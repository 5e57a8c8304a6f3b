// The case-conference screens under /conferences (issue 17), one lazy chunk each: the coordinator's
// list, schedule / edit form, agenda, decisions and minutes; a partner's conferences, items and
// actions. Paths carry a conference id at most, never anything personal.
import type { AnyRoute } from "@tanstack/react-router";
import { lazyScreens } from "./lazy-screen";

export function conferenceRoutes(appRoute: AnyRoute) {
  const screen = lazyScreens(appRoute);
  return [
    screen(
      "/conferences",
      () => import("../screens/conferences/conference-list-screen"),
      "ConferenceListScreen",
    ),
    screen(
      "/conferences/new",
      () => import("../screens/conferences/conference-form-screen"),
      "NewConferenceScreen",
    ),
    screen(
      "/conferences/mine",
      () => import("../screens/conferences/my-conferences-screen"),
      "MyConferencesScreen",
    ),
    screen("/conferences/my-items", () => import("../screens/conferences/my-items-screen"), "MyItemsScreen"),
    screen(
      "/conferences/my-actions",
      () => import("../screens/conferences/my-actions-screen"),
      "MyActionsScreen",
    ),
    screen(
      "/conferences/$conferenceId",
      () => import("../screens/conferences/agenda-screen"),
      "AgendaScreen",
    ),
    screen(
      "/conferences/$conferenceId/edit",
      () => import("../screens/conferences/conference-form-screen"),
      "EditConferenceScreen",
    ),
    screen(
      "/conferences/$conferenceId/decisions",
      () => import("../screens/conferences/decisions-screen"),
      "DecisionsScreen",
    ),
    screen(
      "/conferences/$conferenceId/minutes",
      () => import("../screens/conferences/minutes-screen"),
      "MinutesScreen",
    ),
  ];
}
