// Police zones: register or change a zone's webhook, send a test delivery, and read the zone's
// delivery log (attempts, status codes, next retry). A generated secret is shown once.
import { useState } from "react";
import { problemOf } from "../../api/clients";
import { usePutWebhook, useTestDelivery, useZoneDeliveries, useZones } from "../../api/coordinator";
import { useFormatTime, useT } from "../../i18n/i18n";
import { STAFF_TIME_ZONE } from "../../time/zoned";
import { Button, Select, TextField } from "../../ui/fields";
import { ServiceForm, useDraft } from "../../ui/form";
import { Page, RefreshButton } from "../../ui/layout";
import { Notice } from "../../ui/notice";
import { Loaded } from "../../ui/query-state";
import { DataTable, QueryTable } from "../../ui/table";

export function ZonesScreen() {
  const t = useT();
  const zones = useZones();
  const [chosen, setChosen] = useState<string | null>(null);
  const zone = chosen ?? zones.data?.[0]?.zone ?? null;
  return (
    <Page title={t("zones.title")}>
      <Loaded query={zones}>
        {(data) => (
          <>
            <DataTable
              caption={t("zones.title")}
              rows={data}
              columns={[
                { header: t("zones.zone"), rowHeader: true, cell: (z) => z.zone },
                { header: t("zones.url"), cell: (z) => z.webhook?.url ?? t("zones.noWebhook") },
                {
                  header: t("zones.state"),
                  cell: (z) =>
                    !z.webhook
                      ? "—"
                      : z.webhook.enabled
                        ? t("zones.enabled")
                        : t("zones.disabled", { reason: z.webhook.disabledReason ?? "" }),
                },
              ]}
              rowKey={(z) => z.zone}
              rowProps={(z) => ({ "aria-current": z.zone === zone ? "true" : undefined })}
            />
            <ZoneWebhook zones={data.map((z) => z.zone)} zone={zone} onZone={setChosen} />
            {/* A zone without a webhook has had no delivery (and the log answers 404 for it). */}
            {zone && data.some((z) => z.zone === zone && z.webhook) && <DeliveryLog zone={zone} />}
          </>
        )}
      </Loaded>
    </Page>
  );
}

function ZoneWebhook({
  zones,
  zone,
  onZone,
}: {
  zones: string[];
  zone: string | null;
  onZone: (z: string) => void;
}) {
  const t = useT();
  const put = usePutWebhook();
  const test = useTestDelivery();
  const { draft, set, field } = useDraft({ zone: "", url: "" });
  const problem = problemOf(put.error);
  const target = draft.zone.trim() || zone;
  return (
    <section className="card" aria-labelledby="webhook-title">
      <h2 id="webhook-title">{t("zones.webhookTitle")}</h2>
      {zones.length > 0 && (
        <Select
          label={t("zones.choose")}
          selectedKey={zone ?? undefined}
          onSelectionChange={(key) => {
            set("zone", "");
            onZone(String(key));
          }}
          options={zones.map((z) => ({ id: z, label: z }))}
        />
      )}
      <ServiceForm
        problem={problem}
        onSubmit={() => {
          if (!target) return;
          put.mutate({ zone: target, url: draft.url.trim() }, { onSuccess: (hook) => onZone(hook.zone) });
        }}
      >
        <div className="grid">
          <TextField label={t("zones.newZone")} description={t("zones.newZoneHint")} {...field("zone")} />
          <TextField type="url" label={t("zones.url")} {...field("url")} isRequired />
        </div>
        {put.isSuccess && (
          <div role="status" className="notice success">
            <p>{t("zones.registered", { zone: put.data.zone })}</p>
            {put.data.secret && (
              <p>
                {t("zones.secretOnce")} <code className="secret">{put.data.secret}</code>
              </p>
            )}
          </div>
        )}
        {problem && <Notice tone="error">{t("zones.registerFailed")}</Notice>}
        <div className="actions">
          <Button type="submit" isPending={put.isPending} isDisabled={!target}>
            {t("zones.register", { zone: target ?? "…" })}
          </Button>
          {zone && (
            <Button variant="secondary" isPending={test.isPending} onPress={() => test.mutate(zone)}>
              {t("zones.sendTest", { zone })}
            </Button>
          )}
        </div>
        {test.isSuccess && <Notice tone="success">{t("zones.testQueued")}</Notice>}
        {test.isError && <Notice tone="error">{t("zones.testFailed")}</Notice>}
      </ServiceForm>
    </section>
  );
}

function DeliveryLog({ zone }: { zone: string }) {
  const t = useT();
  const time = useFormatTime();
  const log = useZoneDeliveries(zone);
  return (
    <section className="card" aria-labelledby="deliveries-title">
      <div className="page-head">
        <h2 id="deliveries-title">{t("zones.deliveriesTitle", { zone })}</h2>
        <RefreshButton onRefresh={log.refetch} />
      </div>
      <QueryTable
        query={log}
        empty={t("zones.noDeliveries")}
        caption={t("zones.deliveriesTitle", { zone })}
        columns={[
          { header: t("zones.created"), cell: (d) => time(d.createdAt, STAFF_TIME_ZONE) },
          {
            header: t("zones.kind"),
            cell: (d) => t(d.kind === "test" ? "zones.kindTest" : "zones.kindStatus"),
          },
          {
            header: t("zones.deliveryStatus"),
            cell: (d) => (
              <span className={`status delivery-${d.status}`}>{t(`zones.status.${d.status}`)}</span>
            ),
          },
          {
            header: t("zones.attempts"),
            cell: (d) => (
              <ul className="plain">
                {d.attempts.map((a) => (
                  <li key={a.at}>
                    {time(a.at, STAFF_TIME_ZONE, "time")} —{" "}
                    {a.statusCode !== null ? t("zones.httpStatus", { code: a.statusCode }) : (a.error ?? "")}{" "}
                    ({t("zones.ms", { ms: a.durationMs })})
                  </li>
                ))}
              </ul>
            ),
          },
          {
            header: t("zones.nextRetry"),
            cell: (d) => (d.nextAttemptAt ? time(d.nextAttemptAt, STAFF_TIME_ZONE) : "—"),
          },
        ]}
        rowKey={(d) => d.id}
      />
    </section>
  );
}
