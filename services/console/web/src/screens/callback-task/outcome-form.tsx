// Close the task once the person was reached: accepted (optionally asking for a group or
// programme place), declined (who and why), or referred elsewhere.
import { useState } from "react";
import { problemOf } from "../../api/clients";
import {
  type CallbackTask,
  type ClaimedTask,
  type OutcomeInput,
  useRecordOutcome,
} from "../../api/referrals";
import { useT } from "../../i18n/i18n";
import { newKey } from "../../time/zoned";
import { Button, Checkbox, Radio, RadioGroup, Select, TextField } from "../../ui/fields";
import { ServiceForm, useDraft, useFieldMessage } from "../../ui/form";
import { Refusal } from "../../ui/notice";
import { NOT_LISTED, PartnerPicker } from "../directory/partner-picker";

const GROUP_KINDS = {
  victim: ["victim_peer", "parent", "children"],
  author: ["perpetrator", "parent"],
} as const;
const DECLINE_REASONS = [
  "not_interested",
  "already_supported",
  "safety_concern",
  "not_eligible",
  "other",
] as const;

// The programme mandate's fields: draft key (and the service's path under group.mandate), label, input.
const MANDATE_FIELDS = [
  ["authority", "outcome.authority", {}],
  ["contactEmail", "outcome.authorityEmail", { type: "email" }],
  ["caseReference", "outcome.caseReference", {}],
  ["requiredSessions", "outcome.requiredSessions", { inputMode: "numeric" }],
  ["deadline", "outcome.deadline", { type: "date" }],
] as const;

export function OutcomeForm({
  task,
  onClosed,
}: {
  task: ClaimedTask;
  onClosed: (task: CallbackTask) => void;
}) {
  const t = useT();
  const say = useFieldMessage();
  const kinds = GROUP_KINDS[task.role];
  const { draft, bind, field, choose, tick } = useDraft({
    outcome: "",
    wantsGroup: false,
    groupKind: kinds[0] as string,
    authority: "",
    contactEmail: "",
    caseReference: "",
    requiredSessions: "20",
    deadline: "",
    declinedBy: "person",
    reason: "not_interested" as string,
    to: "",
    partnerId: "",
    note: "",
  });
  const { outcome, wantsGroup, groupKind, declinedBy, reason, to, partnerId, note } = draft;
  const [key] = useState(newKey);
  const record = useRecordOutcome(task.id);
  const problem = problemOf(record.error);

  const body = (): OutcomeInput | undefined => {
    const extra = note.trim() ? { note } : {};
    if (outcome === "accepted") {
      const group = wantsGroup
        ? {
            kind: groupKind as "victim_peer",
            ...(groupKind === "perpetrator"
              ? {
                  mandate: {
                    authority: draft.authority,
                    contactEmail: draft.contactEmail,
                    caseReference: draft.caseReference,
                    requiredSessions: Number(draft.requiredSessions),
                    deadline: draft.deadline,
                  },
                }
              : {}),
          }
        : undefined;
      return { outcome: "accepted", ...(group ? { group } : {}), ...extra };
    }
    if (outcome === "declined") {
      return {
        outcome: "declined",
        declinedBy: declinedBy as "person",
        reason: reason as "not_interested",
        ...extra,
      };
    }
    if (outcome === "referred_elsewhere") {
      if (partnerId === NOT_LISTED) return { outcome: "referred_elsewhere", to, ...extra };
      return partnerId ? { outcome: "referred_elsewhere", partnerId, ...extra } : undefined;
    }
    return undefined;
  };

  return (
    <section className="card" aria-labelledby="outcome-title">
      <h2 id="outcome-title">{t("outcome.title")}</h2>
      <ServiceForm
        errors={Object.fromEntries(
          (problem?.errors ?? []).map((e) =>
            // The entry was archived (or is not the organisation's) since the list was read.
            e.path === "partnerId" &&
            (problem?.code === "partner_archived" || problem?.code === "unknown_partner")
              ? [e.path, t("directory.pick.unavailable")]
              : [e.path, say(e)],
          ),
        )}
        onSubmit={() => {
          const payload = body();
          if (!payload || record.isPending) return;
          record.mutate({ key, body: payload }, { onSuccess: onClosed });
        }}
      >
        <RadioGroup label={t("outcome.outcome")} {...field("outcome")} isRequired>
          <Radio value="accepted">{t("outcome.accepted")}</Radio>
          <Radio value="declined">{t("outcome.declined")}</Radio>
          <Radio value="referred_elsewhere">{t("outcome.referredElsewhere")}</Radio>
        </RadioGroup>
        {outcome === "accepted" && (
          <>
            <Checkbox {...tick("wantsGroup")}>{t("outcome.askGroup")}</Checkbox>
            {wantsGroup && (
              <Select
                name="group.kind"
                label={t("outcome.groupKind")}
                {...choose("groupKind")}
                options={kinds.map((k) => ({ id: k, label: t(`groupKind.${k}` as never) }))}
              />
            )}
            {wantsGroup && groupKind === "perpetrator" && (
              <fieldset>
                <legend>{t("outcome.mandate")}</legend>
                <div className="grid">
                  {MANDATE_FIELDS.map(([field, label, input]) => (
                    <TextField
                      key={field}
                      name={`group.mandate.${field}`}
                      label={t(label)}
                      {...input}
                      {...bind(field)}
                    />
                  ))}
                </div>
              </fieldset>
            )}
          </>
        )}
        {outcome === "declined" && (
          <>
            <RadioGroup label={t("outcome.declinedBy")} {...field("declinedBy")}>
              <Radio value="person">{t("outcome.byPerson")}</Radio>
              <Radio value="service">{t("outcome.byService")}</Radio>
            </RadioGroup>
            <Select
              name="reason"
              label={t("outcome.reason")}
              {...choose("reason")}
              options={DECLINE_REASONS.map((r) => ({ id: r, label: t(`declineReason.${r}` as never) }))}
            />
          </>
        )}
        {outcome === "referred_elsewhere" && (
          <PartnerPicker partner={bind("partnerId")} otherName={bind("to")} />
        )}
        <TextField label={t("attempt.note")} multiline {...field("note")} />
        <Refusal
          problem={problem}
          codes={{
            partner_archived: t("directory.pick.unavailable"),
            unknown_partner: t("directory.pick.unavailable"),
          }}
        />
        <Button type="submit" isPending={record.isPending} isDisabled={!outcome}>
          {t("outcome.submit")}
        </Button>
      </ServiceForm>
    </section>
  );
}
