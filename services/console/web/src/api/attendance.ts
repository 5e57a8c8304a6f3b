// A session's roster with attendance, and the note a facilitator adds to one mark.
import { useQuery } from "@tanstack/react-query";
import type { AttendanceStatus } from "./attendance-queue";
import { $groups, groupsApi, unwrap, useRefreshingMutation } from "./clients";
import type { components } from "./generated/groups";

export type Roster = components["schemas"]["Roster"];
export type RosterLine = Roster["items"][number];

const roster = (sessionId: string) =>
  $groups.queryOptions("get", "/v1/sessions/{id}/attendance", { params: { path: { id: sessionId } } });
export const rosterKey = (sessionId: string) => roster(sessionId).queryKey;

export function useRoster(sessionId: string) {
  return useQuery(roster(sessionId));
}

/** A note goes with its status, online only: notes never wait in the offline queue. */
export function useSaveNote(sessionId: string) {
  return useRefreshingMutation(
    rosterKey(sessionId),
    async (input: { enrolmentId: string; status: AttendanceStatus; note: string }) =>
      unwrap(
        await groupsApi.PUT("/v1/sessions/{id}/attendance/{enrolmentId}", {
          params: { path: { id: sessionId, enrolmentId: input.enrolmentId } },
          body: input.note.trim()
            ? { status: input.status, note: input.note.trim() }
            : { status: input.status },
        }),
      ),
  );
}
