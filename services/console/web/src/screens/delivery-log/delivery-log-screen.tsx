// The delivery log: messages by status, channel and template, and a retry for a failed one. Only
// what the coordinator needs: no address, no text.
import { useState } from "react";
import { type MessageFilter, useMessages, useRetryMessage } from "../../api/coordinator";
import { useFormatTime, useT } from "../../i18n/i18n";
import { STAFF_TIME_ZONE } from "../../time/zoned";
import { Button, FilterSelect } from "../../ui/fields";
import { Page } from "../../ui/layout";
import { Refusal } from "../../ui/notice";
import { QueryTable } from "../../ui/table";

const STATUSES = ["held", "queued", "sending", "sent", "failed", "suppressed"] as const;
const CHANNELS = ["email", "sms"] as const;
const TEMPLATES = [
  "enrolment_confirmed",
  "enrolment_waitlisted",
  "enrolment_ended",
  "session_reminder",
  "session_changed",
  "session_cancelled",
  "session_cancelled_staff",
  "compliance_breached",
  "callback_due",
  "callback_overdue",
] as const;

export function DeliveryLogScreen() {
  const t = useT();
  const time = useFormatTime();
  const [filter, setFilter] = useState<MessageFilter>({});
  const messages = useMessages(filter);
  const retry = useRetryMessage();
  const options = {
    status: STATUSES.map((s) => ({ id: s, label: t(`deliveryLog.statuses.${s}`) })),
    channel: CHANNELS.map((c) => ({ id: c, label: t(`channel.${c}`) })),
    template: TEMPLATES.map((x) => ({ id: x, label: t(`deliveryLog.templates.${x}`) })),
  };
  return (
    <Page title={t("deliveryLog.title")}>
      <div className="filters">
        {(["status", "channel", "template"] as const).map((key) => (
          <FilterSelect
            key={key}
            label={t(`deliveryLog.${key}`)}
            all={t("deliveryLog.all")}
            value={filter[key]}
            onChange={(value) => setFilter((f) => ({ ...f, [key]: value }))}
            options={options[key]}
          />
        ))}
      </div>
      <Refusal error={retry.error} />
      <QueryTable
        query={messages}
        empty={t("deliveryLog.none")}
        caption={t("deliveryLog.title")}
        columns={[
          { header: t("deliveryLog.created"), cell: (m) => time(m.createdAt, STAFF_TIME_ZONE) },
          {
            header: t("deliveryLog.template"),
            cell: (m) =>
              (TEMPLATES as readonly string[]).includes(m.template)
                ? t(`deliveryLog.templates.${m.template as (typeof TEMPLATES)[number]}`)
                : m.template,
          },
          { header: t("deliveryLog.channel"), cell: (m) => t(`channel.${m.channel}`) },
          {
            header: t("deliveryLog.status"),
            cell: (m) => (
              <span className={`status message-${m.status}`}>{t(`deliveryLog.statuses.${m.status}`)}</span>
            ),
          },
          { header: t("deliveryLog.reason"), cell: (m) => m.reason ?? "—" },
          { header: t("deliveryLog.attempts"), cell: (m) => m.attempts },
          {
            header: t("deliveryLog.when"),
            cell: (m) =>
              m.sentAt
                ? time(m.sentAt, STAFF_TIME_ZONE)
                : m.nextAttemptAt
                  ? time(m.nextAttemptAt, STAFF_TIME_ZONE)
                  : "—",
          },
          {
            header: <span className="visually-hidden">{t("deliveryLog.actions")}</span>,
            cell: (m) =>
              m.status === "failed" && (
                <Button
                  variant="secondary"
                  isPending={retry.isPending && retry.variables === m.id}
                  onPress={() => retry.mutate(m.id)}
                >
                  {t("deliveryLog.retry")}
                </Button>
              ),
          },
        ]}
        rowKey={(m) => m.id}
      />
    </Page>
  );
}
