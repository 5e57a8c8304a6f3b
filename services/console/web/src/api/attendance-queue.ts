// Attendance marks on a patchy connection. A tap queues { sessionId, enrolmentId, status } — ids
// and a status, no name and no note — and the queue sends them one at a time, in order, with the
// service's idempotent PUT: a mark whose answer was lost is simply sent again and changes nothing
// the second time. The queue lives in this page's memory only (never localStorage or
// sessionStorage: the console keeps nothing in browser storage), so leaving the page with marks
// still waiting asks first. It flushes on the browser's `online` event and retries while waiting.

import { groupsApi } from "./clients";
import type { components } from "./generated/groups";
import { SessionEnded } from "./session";

export type AttendanceStatus = components["schemas"]["AttendanceInput"]["status"];

export interface QueuedMark {
  readonly sessionId: string;
  readonly enrolmentId: string;
  readonly status: AttendanceStatus;
}

export interface QueueState {
  waiting: readonly QueuedMark[];
  /** Marks the service refused (4xx): shown, never retried. */
  refused: readonly QueuedMark[];
  sending: boolean;
}

let state: QueueState = { waiting: [], refused: [], sending: false };
const listeners = new Set<() => void>();
let onSent: (mark: QueuedMark) => void = () => {};
/** The note already recorded for a participant (from the roster in memory), so a status change keeps it. */
let noteOf: (mark: QueuedMark) => string | undefined = () => undefined;
let retry: ReturnType<typeof setTimeout> | undefined;

const RETRY_MS = 4_000;

function set(next: Partial<QueueState>) {
  state = { ...state, ...next };
  for (const listener of listeners) listener();
}

export const attendanceQueue = {
  subscribe(listener: () => void) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  snapshot: () => state,
  /** What the screen does once a mark is confirmed, and where the current note comes from. */
  connect(handlers: {
    onSent: (mark: QueuedMark) => void;
    noteOf: (mark: QueuedMark) => string | undefined;
  }) {
    onSent = handlers.onSent;
    noteOf = handlers.noteOf;
  },
  enqueue(mark: QueuedMark) {
    set({
      waiting: [
        ...state.waiting,
        { sessionId: mark.sessionId, enrolmentId: mark.enrolmentId, status: mark.status },
      ],
    });
    void flush();
  },
  flush: () => flush(),
};

function scheduleRetry() {
  clearTimeout(retry);
  retry = setTimeout(() => void flush(), RETRY_MS);
}

async function flush(): Promise<void> {
  if (state.sending) return;
  set({ sending: true });
  try {
    while (state.waiting.length > 0) {
      const head = state.waiting[0]!;
      let status: number;
      try {
        const note = noteOf(head);
        const result = await groupsApi.PUT("/v1/sessions/{id}/attendance/{enrolmentId}", {
          params: { path: { id: head.sessionId, enrolmentId: head.enrolmentId } },
          body: note ? { status: head.status, note } : { status: head.status },
        });
        status = result.response.status;
      } catch (error) {
        if (error instanceof SessionEnded) throw error;
        // No connection (or no answer): keep the mark at the head and try again later.
        scheduleRetry();
        return;
      }
      if (status >= 500 || status === 429) {
        scheduleRetry();
        return;
      }
      set({
        waiting: state.waiting.slice(1),
        refused: status >= 400 ? [...state.refused, head] : state.refused,
      });
      if (status < 400) onSent(head);
    }
  } finally {
    set({ sending: false });
  }
}

if (typeof window !== "undefined") {
  window.addEventListener("online", () => void flush());
  window.addEventListener("beforeunload", (event) => {
    if (state.waiting.length > 0) event.preventDefault();
  });
}
