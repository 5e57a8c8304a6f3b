// A group's roster: the enrolled, then the waitlist in arrival order, then those who left.
// Withdraw, complete or exclude; a freed seat promotes the head of the waitlist, and the screen
// shows who moved up. The venue is never offered to someone on the waitlist.
import { Link, useParams } from "@tanstack/react-router";
import { type ReactNode, useState } from "react";

import { problemOf } from "../../api/clients";
import { type EndStatus, type Enrolment, useEndEnrolment, useEnrolments } from "../../api/enrolments";
import { useGroup } from "../../api/groups";
import { useSession } from "../../api/session";
import { useT } from "../../i18n/i18n";
import { newKey } from "../../time/zoned";
import { Button, TextField } from "../../ui/fields";
import { Page } from "../../ui/layout";
import { ModalForm } from "../../ui/modal-form";
import "../../ui/staff.css";

const ENDS: EndStatus[] = ["withdrawn", "completed", "excluded"];

export function RosterScreen() {
  const t = useT();
  const { groupId } = useParams({ strict: false }) as { groupId: string };
  const group = useGroup(groupId);
  const list = useEnrolments(groupId);
  const session = useSession();
  const roles = session.data?.signedIn ? session.data.user.roles : [];
  const [promoted, setPromoted] = useState<string[]>([]);
  const [ended, setEnded] = useState<{ name: string; status: EndStatus } | null>(null);

  const title = group.data ? t("roster.title", { group: group.data.publicName }) : t("roster.open");
  if (list.isPending || group.isPending) return <p role="status">{t("common.loading")}</p>;
  if (list.isError || group.isError) return <p role="alert">{t("common.loadFailed")}</p>;
  const items = list.data;
  const enrolled = items.filter((e) => e.status === "enrolled");
  const waiting = items
    .filter((e) => e.status === "waitlisted")
    .sort((a, b) => (a.position ?? 0) - (b.position ?? 0));
  const left = items.filter((e) => !["enrolled", "waitlisted"].includes(e.status));
  const name = (e: Enrolment) => e.displayName ?? t("roster.unnamed");
  const isProgramme = group.data.kind === "perpetrator";

  return (
    <Page
      title={title}
      actions={
        <div className="actions">
          <Link to="/placements" className="button button-primary">
            {t("placements.nav")}
          </Link>
          <Link to="/groups/$groupId" params={{ groupId }} className="button button-secondary">
            {t("roster.backToGroup")}
          </Link>
        </div>
      }
    >
      <p>
        {t("groups.seatsValue", { taken: enrolled.length, capacity: group.data.capacity })}
        {" · "}
        {t("groups.waitlistValue", { n: waiting.length })}
      </p>
      <div role="status" className="status-area">
        {ended && (
          <p className="notice success">
            {t("roster.endedNotice", { name: ended.name, status: t(`roster.end.${ended.status}` as never) })}
          </p>
        )}
        {promoted.length > 0 && (
          <p className="notice success">{t("roster.promotedNotice", { names: promoted.join(", ") })}</p>
        )}
      </div>
      <RosterSection
        id="enrolled-title"
        title={t("roster.enrolled")}
        none={t("roster.noneEnrolled")}
        items={enrolled}
        row={(e) => (
          <>
            <span className="roster-name">{name(e)}</span>
            {promoted.includes(name(e)) && <span className="badge promoted">{t("roster.justPromoted")}</span>}
            <span className="hint">{t("roster.venueTold")}</span>
            {isProgramme && roles.includes("programme_staff") && (
              <Link
                to="/enrolments/$enrolmentId"
                params={{ enrolmentId: e.id }}
                className="button button-secondary"
              >
                {t("mandate.open")}
              </Link>
            )}
            <EndActions
              enrolment={e}
              groupId={groupId}
              statuses={ENDS}
              onEnded={(status, before) => {
                setEnded({ name: name(e), status });
                setPromoted(before);
              }}
              waitingBefore={waiting}
            />
          </>
        )}
      />
      <RosterSection
        id="waitlist-title"
        title={t("roster.waitlist")}
        hint={t("roster.waitlistHint")}
        none={t("roster.noneWaiting")}
        items={waiting}
        ordered
        row={(e) => (
          <>
            <span className="roster-position">{t("roster.position", { n: e.position ?? 0 })}</span>
            <span className="roster-name">{name(e)}</span>
            <span className="hint">{t("roster.venueNotTold")}</span>
            <EndActions
              enrolment={e}
              groupId={groupId}
              statuses={["withdrawn"]}
              onEnded={(status) => {
                setEnded({ name: name(e), status });
                setPromoted([]);
              }}
              waitingBefore={[]}
            />
          </>
        )}
      />
      {left.length > 0 && (
        <RosterSection
          id="left-title"
          title={t("roster.left")}
          items={left}
          row={(e) => (
            <>
              <span className="roster-name">{name(e)}</span>
              <span className={`status status-${e.status}`}>{t(`roster.end.${e.status}` as never)}</span>
            </>
          )}
        />
      )}
    </Page>
  );
}

/** One part of the roster: its heading, a hint, `none` while it is empty, else one row per person. */
function RosterSection({
  id,
  title,
  hint,
  none,
  items,
  ordered = false,
  row,
}: {
  id: string;
  title: string;
  hint?: string;
  none?: string;
  items: Enrolment[];
  ordered?: boolean;
  row: (enrolment: Enrolment) => ReactNode;
}) {
  const List = ordered ? "ol" : "ul";
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {hint && <p className="hint">{hint}</p>}
      {items.length === 0 ? (
        <p>{none}</p>
      ) : (
        <List className="roster-list" aria-labelledby={id}>
          {items.map((e) => (
            <li key={e.id} className="roster-row">
              {row(e)}
            </li>
          ))}
        </List>
      )}
    </section>
  );
}

function EndActions({
  enrolment,
  groupId,
  statuses,
  waitingBefore,
  onEnded,
}: {
  enrolment: Enrolment;
  groupId: string;
  statuses: EndStatus[];
  waitingBefore: Enrolment[];
  /** With the names of those the freed seat promoted. */
  onEnded: (status: EndStatus, promoted: string[]) => void;
}) {
  const t = useT();
  const end = useEndEnrolment(groupId);
  const list = useEnrolments(groupId);
  const [open, setOpen] = useState<EndStatus | null>(null);
  const [reason, setReason] = useState("");
  const [key, setKey] = useState(newKey);
  const who = enrolment.displayName ?? t("roster.unnamed");
  return (
    <div className="actions">
      {statuses.map((status) => (
        <Button
          key={status}
          variant={status === "excluded" ? "danger" : "secondary"}
          onPress={() => setOpen(status)}
          aria-label={t(`roster.action.${status}` as never, { name: who })}
        >
          {t(`roster.do.${status}` as never)}
        </Button>
      ))}
      <ModalForm
        isOpen={open !== null}
        onOpenChange={(o) => {
          if (!o) setOpen(null);
        }}
        onClose={() => setOpen(null)}
        title={open ? t(`roster.action.${open}` as never, { name: who }) : ""}
        submit={t("roster.confirm")}
        submitVariant={open === "excluded" ? "danger" : "primary"}
        isPending={end.isPending}
        error={
          end.isError &&
          (problemOf(end.error)?.status === 409 ? t("roster.alreadyEnded") : t("common.actionFailed"))
        }
        onSubmit={() => {
          if (!open || end.isPending) return;
          const status = open;
          end.mutate(
            { id: enrolment.id, status, reason: reason.trim() || undefined, key },
            {
              onSuccess: async () => {
                setOpen(null);
                setKey(newKey());
                const after = (await list.refetch()).data ?? [];
                const nowEnrolled = new Set(after.filter((e) => e.status === "enrolled").map((e) => e.id));
                onEnded(
                  status,
                  waitingBefore
                    .filter((w) => nowEnrolled.has(w.id))
                    .map((w) => w.displayName ?? t("roster.unnamed")),
                );
              },
            },
          );
        }}
      >
        <TextField label={t("roster.reason")} value={reason} onChange={setReason} />
      </ModalForm>
    </div>
  );
}
