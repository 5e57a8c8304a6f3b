// A programme participant: the mandate (authority, its contact, case reference, required
// sessions, deadline), set or corrected; compliance so far (attendance, unexcused absences, the
// steps reached and when the mandating authority was told); the report as CSV or JSON.
import { Link, useParams } from "@tanstack/react-router";
import { useEffect, useMemo, useState } from "react";
import { problemOf } from "../../api/clients";
import { type MandateInput, reportUrl, useAttendanceReport, useSetMandate } from "../../api/compliance";
import { useGroup } from "../../api/groups";
import { useFormatTime, useT } from "../../i18n/i18n";
import { Button, TextField } from "../../ui/fields";
import { ServiceForm, useFieldMessage } from "../../ui/form";
import { Page } from "../../ui/layout";
import "../../ui/staff.css";
import { Fact } from "../../ui/fact";
import { Notice, Refusal } from "../../ui/notice";
import { DataTable } from "../../ui/table";

export function MandateScreen() {
  const t = useT();
  const say = useFieldMessage();
  const time = useFormatTime();
  const { enrolmentId } = useParams({ strict: false }) as { enrolmentId: string };
  const report = useAttendanceReport(enrolmentId);
  const setMandate = useSetMandate(enrolmentId);
  // The group's zone: every date on this screen is on its clock.
  const group = useGroup(report.data?.enrolment.groupId ?? "", Boolean(report.data));
  const [draft, setDraft] = useState({
    authority: "",
    contactEmail: "",
    caseReference: "",
    requiredSessions: "",
    deadline: "",
  });
  const mandate = report.data?.mandate;
  useEffect(() => {
    if (mandate)
      setDraft({
        authority: mandate.authority,
        contactEmail: mandate.contactEmail,
        caseReference: mandate.caseReference,
        requiredSessions: String(mandate.requiredSessions),
        deadline: mandate.deadline,
      });
  }, [mandate]);
  const problem = problemOf(setMandate.error);
  const fieldErrors = useMemo(() => {
    const errors: Record<string, string> = {};
    for (const e of problem?.errors ?? []) errors[e.path] = say(e);
    return errors;
  }, [problem, say]);

  if (report.isPending) return <p role="status">{t("common.loading")}</p>;
  if (report.isError) return <p role="alert">{t("common.loadFailed")}</p>;
  const r = report.data;
  const c = r.compliance;
  const zone = group.data?.schedule.timeZone ?? "Europe/Brussels";
  const who = r.enrolment.displayName ?? t("roster.unnamed");
  const set = (k: keyof typeof draft) => (v: string) => setDraft((d) => ({ ...d, [k]: v }));
  /** A required field bound to one key of the draft. */
  const field = (name: keyof typeof draft) => ({
    name,
    value: draft[name],
    onChange: set(name),
    isRequired: true,
  });

  return (
    <Page
      title={t("mandate.title", { name: who })}
      actions={
        <div className="actions">
          <a
            className="button button-secondary"
            href={reportUrl(enrolmentId, "csv")}
            download={`attendance-${enrolmentId}.csv`}
          >
            {t("compliance.downloadCsv")}
          </a>
          <a
            className="button button-secondary"
            href={reportUrl(enrolmentId, "json")}
            download={`attendance-${enrolmentId}.json`}
          >
            {t("compliance.downloadJson")}
          </a>
          <Link
            to="/groups/$groupId/roster"
            params={{ groupId: r.enrolment.groupId }}
            className="button button-secondary"
          >
            {t("roster.open")}
          </Link>
        </div>
      }
    >
      <p>{t("mandate.inGroup", { group: r.enrolment.publicName })}</p>
      <section className="card" aria-labelledby="compliance-title">
        <h2 id="compliance-title">{t("compliance.title")}</h2>
        {c ? (
          <>
            <dl className="facts compliance-facts">
              <Fact term={t("compliance.attended")}>
                {t("compliance.attendedValue", { n: c.attended, required: c.required })}
              </Fact>
              <Fact term={t("compliance.unexcused")}>{c.unexcusedAbsences}</Fact>
              <Fact term={t("compliance.excused")}>{c.excused}</Fact>
              <Fact term={t("compliance.unrecorded")}>{c.unrecorded}</Fact>
            </dl>
            <h3>{t("compliance.steps")}</h3>
            {r.fired.length === 0 ? (
              <p>{t("compliance.noSteps")}</p>
            ) : (
              <ul className="plain-list" aria-label={t("compliance.steps")}>
                {r.fired.map((f) => (
                  <li key={f.kind} className="notice warning">
                    <strong>{t(`compliance.step.${f.kind}` as never)}</strong>{" "}
                    {t("compliance.told", {
                      authority: r.mandate?.authority ?? "",
                      at: time(f.firedAt, zone),
                    })}
                  </li>
                ))}
              </ul>
            )}
          </>
        ) : (
          <p>{t("compliance.notEvaluated")}</p>
        )}
      </section>
      <ServiceForm
        className="form card"
        errors={fieldErrors}
        onSubmit={() => {
          if (setMandate.isPending) return;
          const body: MandateInput = {
            authority: draft.authority.trim(),
            contactEmail: draft.contactEmail.trim(),
            caseReference: draft.caseReference.trim(),
            requiredSessions: Number(draft.requiredSessions),
            deadline: draft.deadline,
          };
          setMandate.mutate(body);
        }}
      >
        <h2>{t("mandate.formTitle")}</h2>
        <div className="grid">
          <TextField label={t("mandate.authority")} {...field("authority")} />
          <TextField label={t("mandate.contactEmail")} type="email" {...field("contactEmail")} />
          <TextField label={t("mandate.caseReference")} {...field("caseReference")} />
          <TextField label={t("mandate.requiredSessions")} type="number" {...field("requiredSessions")} />
          <TextField label={t("mandate.deadline")} type="date" {...field("deadline")} />
        </div>
        {setMandate.isSuccess && <Notice tone="success">{t("mandate.saved")}</Notice>}
        <Refusal problem={problem} statuses={{ 409: t("mandate.ended") }} otherwise={t("mandate.fix")} />
        <Button type="submit" isPending={setMandate.isPending}>
          {mandate ? t("mandate.correct") : t("mandate.set")}
        </Button>
      </ServiceForm>
      <section aria-labelledby="report-title">
        <h2 id="report-title">{t("compliance.sessions")}</h2>
        <DataTable
          rows={r.sessions}
          columns={[
            { header: t("sessions.date"), cell: (s) => time(s.startsAt, zone) },
            { header: t("sessions.status"), cell: (s) => t(`sessions.status.${s.sessionStatus}` as never) },
            {
              header: t("attendance.mark"),
              cell: (s) => (s.attendance ? t(`attendance.status.${s.attendance}` as never) : "—"),
            },
          ]}
          aria-labelledby="report-title"
          rowKey={(s) => s.sessionId}
        />
      </section>
    </Page>
  );
}
