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
import { ServiceForm } from "../../ui/form";
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

export function OutcomeForm({
  task,
  onClosed,
}: {
  task: ClaimedTask;
  onClosed: (task: CallbackTask) => void;
}) {
  const t = useT();
  const [outcome, setOutcome] = useState("");
  const [wantsGroup, setWantsGroup] = useState(false);
  const kinds = GROUP_KINDS[task.role];
  const [groupKind, setGroupKind] = useState<string>(kinds[0]);
  const [mandate, setMandate] = useState({
    authority: "",
    contactEmail: "",
    caseReference: "",
    requiredSessions: "20",
    deadline: "",
  });
  const [declinedBy, setDeclinedBy] = useState("person");
  const [reason, setReason] = useState<string>("not_interested");
  const [to, setTo] = useState("");
  const [partnerId, setPartnerId] = useState("");
  const [note, setNote] = useState("");
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
              ? { mandate: { ...mandate, requiredSessions: Number(mandate.requiredSessions) } }
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
              : [e.path, e.message],
          ),
        )}
        onSubmit={() => {
          const payload = body();
          if (!payload || record.isPending) return;
          record.mutate({ key, body: payload }, { onSuccess: onClosed });
        }}
      >
        <RadioGroup
          name="outcome"
          label={t("outcome.outcome")}
          value={outcome}
          onChange={setOutcome}
          isRequired
        >
          <Radio value="accepted">{t("outcome.accepted")}</Radio>
          <Radio value="declined">{t("outcome.declined")}</Radio>
          <Radio value="referred_elsewhere">{t("outcome.referredElsewhere")}</Radio>
        </RadioGroup>
        {outcome === "accepted" && (
          <>
            <Checkbox isSelected={wantsGroup} onChange={setWantsGroup}>
              {t("outcome.askGroup")}
            </Checkbox>
            {wantsGroup && (
              <Select
                name="group.kind"
                label={t("outcome.groupKind")}
                selectedKey={groupKind}
                onSelectionChange={(k) => setGroupKind(String(k))}
                options={kinds.map((k) => ({ id: k, label: t(`groupKind.${k}` as never) }))}
              />
            )}
            {wantsGroup && groupKind === "perpetrator" && (
              <fieldset>
                <legend>{t("outcome.mandate")}</legend>
                <div className="grid">
                  <TextField
                    name="group.mandate.authority"
                    label={t("outcome.authority")}
                    value={mandate.authority}
                    onChange={(v) => setMandate({ ...mandate, authority: v })}
                  />
                  <TextField
                    name="group.mandate.contactEmail"
                    label={t("outcome.authorityEmail")}
                    type="email"
                    value={mandate.contactEmail}
                    onChange={(v) => setMandate({ ...mandate, contactEmail: v })}
                  />
                  <TextField
                    name="group.mandate.caseReference"
                    label={t("outcome.caseReference")}
                    value={mandate.caseReference}
                    onChange={(v) => setMandate({ ...mandate, caseReference: v })}
                  />
                  <TextField
                    name="group.mandate.requiredSessions"
                    label={t("outcome.requiredSessions")}
                    inputMode="numeric"
                    value={mandate.requiredSessions}
                    onChange={(v) => setMandate({ ...mandate, requiredSessions: v })}
                  />
                  <TextField
                    name="group.mandate.deadline"
                    label={t("outcome.deadline")}
                    type="date"
                    value={mandate.deadline}
                    onChange={(v) => setMandate({ ...mandate, deadline: v })}
                  />
                </div>
              </fieldset>
            )}
          </>
        )}
        {outcome === "declined" && (
          <>
            <RadioGroup
              name="declinedBy"
              label={t("outcome.declinedBy")}
              value={declinedBy}
              onChange={setDeclinedBy}
            >
              <Radio value="person">{t("outcome.byPerson")}</Radio>
              <Radio value="service">{t("outcome.byService")}</Radio>
            </RadioGroup>
            <Select
              name="reason"
              label={t("outcome.reason")}
              selectedKey={reason}
              onSelectionChange={(k) => setReason(String(k))}
              options={DECLINE_REASONS.map((r) => ({ id: r, label: t(`declineReason.${r}` as never) }))}
            />
          </>
        )}
        {outcome === "referred_elsewhere" && (
          <PartnerPicker value={partnerId} onChange={setPartnerId} otherName={to} onOtherName={setTo} />
        )}
        <TextField name="note" label={t("attempt.note")} multiline value={note} onChange={setNote} />
        {problem && (
          <p role="alert" className="notice error">
            {problem.code === "partner_archived" || problem.code === "unknown_partner"
              ? t("directory.pick.unavailable")
              : (problem.detail ?? t("common.actionFailed"))}
          </p>
        )}
        <Button type="submit" isPending={record.isPending} isDisabled={!outcome}>
          {t("outcome.submit")}
        </Button>
      </ServiceForm>
    </section>
  );
}
