// Find a referral by the police's incident reference (coordinators; every look-up is audited).
// Shows where it stands and who holds each person's task; no names or contact details.
import { Link } from "@tanstack/react-router";
import { useState } from "react";
import { Form } from "react-aria-components";
import { useLookup } from "../../api/coordinator";
import { useFormatTime, useT } from "../../i18n/i18n";
import { STAFF_TIME_ZONE } from "../../time/zoned";
import { Fact } from "../../ui/fact";
import { Button, TextField } from "../../ui/fields";
import { submitInPlace } from "../../ui/form";
import { Page } from "../../ui/layout";
import { Notice } from "../../ui/notice";
import { DataTable } from "../../ui/table";

export function LookupScreen() {
  const t = useT();
  const time = useFormatTime();
  const lookup = useLookup();
  const [reference, setReference] = useState("");
  return (
    <Page title={t("lookup.title")}>
      <Form
        className="form card"
        onSubmit={submitInPlace(() => {
          if (reference.trim()) lookup.mutate(reference.trim());
        })}
      >
        <p className="hint">{t("lookup.audited")}</p>
        <div className="inline-form">
          <TextField
            label={t("lookup.reference")}
            value={reference}
            onChange={setReference}
            isRequired
            autoComplete="off"
          />
          <Button type="submit" isPending={lookup.isPending}>
            {t("lookup.search")}
          </Button>
        </div>
      </Form>
      {lookup.isError && <Notice tone="error">{t("common.actionFailed")}</Notice>}
      {lookup.data && lookup.data.length === 0 && <p role="status">{t("lookup.none")}</p>}
      {lookup.data?.map((r) => (
        <section
          key={r.id}
          className="card"
          aria-label={t("lookup.result", { reference: r.incidentReference })}
        >
          <h2>{r.incidentReference}</h2>
          <dl className="task-facts">
            <Fact term={t("lookup.status")}>
              <span className={`status status-${r.status}`}>{t(`status.${r.status}`)}</span>
            </Fact>
            <Fact term={t("lookup.zone")}>{r.policeZone}</Fact>
            <Fact term={t("lookup.municipality")}>{r.municipality}</Fact>
            <Fact term={t("oversight.risk")}>{t(`risk.${r.riskLevel}`)}</Fact>
            <Fact term={t("lookup.filed")}>{time(r.createdAt, STAFF_TIME_ZONE)}</Fact>
            <Fact term={t("lookup.firstContact")}>
              {r.firstContactAt ? time(r.firstContactAt, STAFF_TIME_ZONE) : "—"}
            </Fact>
          </dl>
          <DataTable
            rows={r.persons}
            columns={[
              { header: t("oversight.role"), cell: (p) => t(`personRole.${p.role}`) },
              { header: t("escalations.team"), cell: (p) => p.task?.team ?? "—" },
              {
                header: t("oversight.state"),
                cell: (p) =>
                  !p.task
                    ? t("lookup.noTask")
                    : p.task.status === "open"
                      ? t("lookup.open")
                      : t(`taskOutcome.${p.task.outcome ?? "unreachable"}` as never),
              },
              { header: t("oversight.attempts"), cell: (p) => p.task?.attempts ?? 0 },
            ]}
            rowKey={(p) => p.personRef}
          />
          <Link to="/coordination/audit" search={{ record: r.id }} className="button button-secondary">
            {t("lookup.whoViewed")}
          </Link>
        </section>
      ))}
    </Page>
  );
}
