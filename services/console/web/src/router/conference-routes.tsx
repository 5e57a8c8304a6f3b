// The case-conference screens under /conferences (issue 17), one lazy chunk each: the coordinator's
// list, schedule / edit form, agenda, decisions and minutes; a partner's conferences, items and
// actions. Paths carry a conference id at most, never anything personal.
import type { AnyRoute } from "@tanstack/react-router";
import { lazyScreens } from "./lazy-screen";

export function conferenceRoutes(appRoute: AnyRoute) {
  return lazyScreens(appRoute, {
    "/conferences": "conferences/conference-list-screen#ConferenceListScreen",
    "/conferences/new": "conferences/conference-form-screen#NewConferenceScreen",
    "/conferences/mine": "conferences/my-conferences-screen#MyConferencesScreen",
    "/conferences/my-items": "conferences/my-items-screen#MyItemsScreen",
    "/conferences/my-actions": "conferences/my-actions-screen#MyActionsScreen",
    "/conferences/$conferenceId": "conferences/agenda-screen#AgendaScreen",
    "/conferences/$conferenceId/edit": "conferences/conference-form-screen#EditConferenceScreen",
    "/conferences/$conferenceId/decisions": "conferences/decisions-screen#DecisionsScreen",
    "/conferences/$conferenceId/minutes": "conferences/minutes-screen#MinutesScreen",
  });
}
