// Taking attendance on a tablet: four large buttons per participant (present, late, excused,
// absent), one tap records it, another corrects it. Without a connection the marks wait in this
// page (ids and status only) shown as "waiting to send", and go out in order when it returns.
import { useQueryClient } from "@tanstack/react-query";
import { Link, useParams } from "@tanstack/react-router";
import { useEffect, useState, useSyncExternalStore } from "react";
import { Form } from "react-aria-components";
import { useIntl } from "react-intl";
import { type RosterLine, rosterKey, useRoster, useSaveNote } from "../../api/attendance";
import { type AttendanceStatus, attendanceQueue } from "../../api/attendance-queue";
import { useGroup } from "../../api/groups";
import { useT } from "../../i18n/i18n";
import { Button, TextField } from "../../ui/fields";
import { Page } from "../../ui/layout";
import "../../ui/staff.css";
import { submitInPlace } from "../../ui/form";
import { Notice } from "../../ui/notice";

const STATUSES: AttendanceStatus[] = ["present", "late", "excused", "absent"];

function useOnline() {
  return useSyncExternalStore(
    (listener) => {
      window.addEventListener("online", listener);
      window.addEventListener("offline", listener);
      return () => {
        window.removeEventListener("online", listener);
        window.removeEventListener("offline", listener);
      };
    },
    () => navigator.onLine,
  );
}

export function AttendanceScreen() {
  const t = useT();
  const intl = useIntl();
  const { sessionId } = useParams({ strict: false }) as { sessionId: string };
  const roster = useRoster(sessionId);
  const group = useGroup(roster.data?.session.groupId ?? "", Boolean(roster.data));
  const queue = useSyncExternalStore(attendanceQueue.subscribe, attendanceQueue.snapshot);
  const online = useOnline();
  const queryClient = useQueryClient();

  useEffect(() => {
    attendanceQueue.connect({
      onSent: () => {
        if (attendanceQueue.snapshot().waiting.length === 0)
          void queryClient.invalidateQueries({ queryKey: rosterKey(sessionId) });
      },
      noteOf: (mark) =>
        queryClient
          .getQueryData<{ items: RosterLine[] }>(rosterKey(mark.sessionId))
          ?.items.find((line) => line.enrolmentId === mark.enrolmentId)?.note ?? undefined,
    });
  }, [queryClient, sessionId]);

  if (roster.isPending) return <p role="status">{t("common.loading")}</p>;
  if (roster.isError) return <p role="alert">{t("common.loadFailed")}</p>;
  const session = roster.data.session;
  const zone = group.data?.schedule.timeZone ?? "Europe/Brussels";
  const waitingHere = queue.waiting.filter((m) => m.sessionId === sessionId);
  const latest = (enrolmentId: string) =>
    [...queue.waiting].reverse().find((m) => m.sessionId === sessionId && m.enrolmentId === enrolmentId);
  const lines = roster.data.items.filter((line) => line.enrolmentStatus !== "waitlisted");

  return (
    <Page
      title={t("attendance.title", {
        group: group.data?.publicName ?? "",
        at: intl.formatDate(new Date(session.startsAt), {
          timeZone: zone,
          dateStyle: "full",
          timeStyle: "short",
        }),
      })}
      actions={
        group.data && (
          <Link to="/groups/$groupId" params={{ groupId: group.data.id }} className="button button-secondary">
            {t("roster.backToGroup")}
          </Link>
        )
      }
    >
      <div role="status" className={`connection ${online ? "online" : "offline"}`}>
        {!online && <p className="notice warning">{t("attendance.offline")}</p>}
        {waitingHere.length > 0 ? (
          <p className="notice warning">{t("attendance.waitingCount", { n: waitingHere.length })}</p>
        ) : (
          online && <p className="hint">{t("attendance.allSent")}</p>
        )}
      </div>
      {queue.refused.length > 0 && (
        <Notice tone="error">{t("attendance.refused", { n: queue.refused.length })}</Notice>
      )}
      {lines.length === 0 ? (
        <p>{t("roster.noneEnrolled")}</p>
      ) : (
        <ul className="attendance-list" aria-label={t("attendance.listLabel")}>
          {lines.map((line) => (
            <AttendanceRow
              key={line.enrolmentId}
              line={line}
              sessionId={sessionId}
              pending={latest(line.enrolmentId)?.status}
              online={online}
            />
          ))}
        </ul>
      )}
    </Page>
  );
}

function AttendanceRow({
  line,
  sessionId,
  pending,
  online,
}: {
  line: RosterLine;
  sessionId: string;
  pending: AttendanceStatus | undefined;
  online: boolean;
}) {
  const t = useT();
  const saveNote = useSaveNote(sessionId);
  const [note, setNote] = useState(line.note ?? "");
  const [editing, setEditing] = useState(false);
  const who = line.displayName ?? t("roster.unnamed");
  const shown = pending ?? line.attendance;
  return (
    <li className="attendance-row">
      <div className="attendance-head">
        <h2 className="attendance-name">{who}</h2>
        {pending ? (
          <span className="badge waiting">{t("attendance.waiting")}</span>
        ) : (
          line.attendance && <span className="badge sent">{t("attendance.sent")}</span>
        )}
      </div>
      <fieldset className="attendance-buttons bare" aria-label={t("attendance.marksFor", { name: who })}>
        {STATUSES.map((status) => (
          <Button
            key={status}
            variant="secondary"
            className={`mark mark-${status}${shown === status ? " chosen" : ""}`}
            aria-pressed={shown === status}
            aria-label={t("attendance.markLabel", {
              name: who,
              status: t(`attendance.status.${status}` as never),
            })}
            onPress={() => {
              if (shown === status && !pending) return;
              attendanceQueue.enqueue({ sessionId, enrolmentId: line.enrolmentId, status });
            }}
          >
            {t(`attendance.status.${status}` as never)}
          </Button>
        ))}
      </fieldset>
      {editing ? (
        <Form
          className="attendance-note"
          onSubmit={submitInPlace(() => {
            if (!shown) return;
            saveNote.mutate(
              { enrolmentId: line.enrolmentId, status: shown, note },
              { onSuccess: () => setEditing(false) },
            );
          })}
        >
          <TextField label={t("attendance.note", { name: who })} value={note} onChange={setNote} multiline />
          <div className="actions">
            <Button
              type="submit"
              isPending={saveNote.isPending}
              isDisabled={!online || !shown || Boolean(pending)}
            >
              {t("attendance.saveNote")}
            </Button>
            <Button variant="quiet" onPress={() => setEditing(false)}>
              {t("sessions.close")}
            </Button>
          </div>
          {!online && <p className="hint">{t("attendance.noteOnline")}</p>}
        </Form>
      ) : (
        <div className="actions">
          {line.note && <p className="attendance-note-text">{line.note}</p>}
          <Button
            variant="quiet"
            isDisabled={!shown}
            onPress={() => setEditing(true)}
            aria-label={t("attendance.addNoteLabel", { name: who })}
          >
            {line.note ? t("attendance.editNote") : t("attendance.addNote")}
          </Button>
        </div>
      )}
    </li>
  );
}
