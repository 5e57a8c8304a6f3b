// Create or edit a group: kind, public name (what participants see, neutral by default),
// language, venue or online link, capacity, facilitators, admission and — when creating — the
// schedule builder. A group's rule is fixed once created (the service takes no schedule in a
// PATCH); its sessions are then moved or cancelled one by one, or "this and following".
import { Link, useNavigate, useParams } from "@tanstack/react-router";
import { useState } from "react";
import { type Group, type GroupKind, useCreateGroup, useGroup, useUpdateGroup } from "../../api/groups";
import { type SignedInSession, useSession } from "../../api/session";
import { type MessageId, useLanguage, useT } from "../../i18n/i18n";
import { draftProblem } from "../../time/schedule";
import { newKey } from "../../time/zoned";
import { Radio, RadioGroup, Select, TextField } from "../../ui/fields";
import {
  FormActions,
  labelsByPath,
  ProblemAlert,
  ServiceForm,
  useDraft,
  useFieldErrors,
} from "../../ui/form";
import { Page } from "../../ui/layout";
import "../../ui/staff.css";
import { emptyGroup, fromGroup, type GroupDraft, toGroupInput, toGroupPatch } from "./group-form-state";
import { ScheduleBuilder } from "./schedule-builder";

const KINDS: GroupKind[] = ["victim_peer", "parent", "children", "perpetrator"];

function kindsFor(roles: string[]): GroupKind[] {
  if (roles.includes("coordinator")) return KINDS;
  return KINDS.filter((k) =>
    k === "perpetrator" ? roles.includes("programme_staff") : roles.includes("facilitator"),
  );
}

/** The form's labels by the service's path of each field. */
const FIELD_LABELS: Record<string, MessageId> = {
  kind: "groups.kind",
  publicName: "groups.publicName",
  language: "groups.language",
  municipality: "groups.municipality",
  capacity: "groups.capacity",
  location: "groups.where",
  "location.address": "groups.address",
  "location.url": "groups.url",
  admission: "groups.admission",
  facilitators: "groups.coFacilitators",
  schedule: "schedule.title",
  "schedule.rrule": "schedule.weekdays",
  "schedule.dtstart": "schedule.firstDate",
  "schedule.durationMinutes": "schedule.duration",
  "schedule.timeZone": "schedule.timeZone",
};

export function NewGroupScreen() {
  const session = useSession();
  if (!session.data?.signedIn) return null;
  return <GroupForm session={session.data} />;
}

export function EditGroupScreen() {
  const t = useT();
  const { groupId } = useParams({ strict: false }) as { groupId: string };
  const session = useSession();
  const group = useGroup(groupId);
  if (!session.data?.signedIn) return null;
  if (group.isPending) return <p role="status">{t("common.loading")}</p>;
  if (group.isError) return <p role="alert">{t("common.loadFailed")}</p>;
  return <GroupForm session={session.data} group={group.data} />;
}

function GroupForm({ session, group }: { session: SignedInSession; group?: Group }) {
  const t = useT();
  const { language } = useLanguage();
  const navigate = useNavigate();
  const self = { sub: session.user.sub, name: session.user.name };
  const kinds = kindsFor(session.user.roles);
  const { draft, set, bind, field, choose } = useDraft<GroupDraft>(() =>
    group
      ? fromGroup(group, self.sub)
      : emptyGroup(kinds[0] ?? "victim_peer", language, t("groups.defaultName")),
  );
  const [key] = useState(newKey);
  const create = useCreateGroup(key);
  const update = useUpdateGroup(group?.id ?? "");
  const mutation = group ? update : create;
  const { problem, fieldErrors } = useFieldErrors(mutation.error);
  const scheduleProblem = group ? undefined : draftProblem(draft.schedule);

  const submit = () => {
    if (mutation.isPending) return;
    if (group) {
      const patch = toGroupPatch(draft, group, self);
      if (Object.keys(patch).length === 0) {
        void navigate({ to: "/groups/$groupId", params: { groupId: group.id } });
        return;
      }
      update.mutate(patch, {
        onSuccess: () => navigate({ to: "/groups/$groupId", params: { groupId: group.id } }),
      });
    } else {
      create.mutate(toGroupInput(draft, self), {
        onSuccess: (created) => navigate({ to: "/groups/$groupId", params: { groupId: created.id } }),
      });
    }
  };

  return (
    <Page title={group ? t("groups.editTitle") : t("groups.newTitle")}>
      <ServiceForm
        errors={fieldErrors}
        onSubmit={() => {
          submit();
        }}
      >
        {problem && (
          <ProblemAlert
            problem={problem}
            fix={t("groups.fix")}
            codes={{ safety_separation: t("groups.separationRefused") }}
            labelOf={labelsByPath(t, FIELD_LABELS)}
          />
        )}
        <fieldset>
          <legend>{t("groups.about")}</legend>
          <div className="grid">
            {!group && (
              <Select
                name="kind"
                label={t("groups.kind")}
                {...choose("kind")}
                options={kinds.map((k) => ({ id: k, label: t(`groups.kind.${k}` as never) }))}
              />
            )}
            <TextField
              label={t("groups.publicName")}
              description={t("groups.publicNameHint")}
              {...field("publicName")}
              isRequired
            />
            <Select
              name="language"
              label={t("groups.language")}
              {...choose("language")}
              options={(["fr", "nl", "en"] as const).map((l) => ({
                id: l,
                label: t(`language.${l}` as never),
              }))}
            />
            <TextField label={t("groups.municipality")} {...field("municipality")} isRequired />
            <TextField label={t("groups.capacity")} type="number" {...field("capacity")} isRequired />
          </div>
          <RadioGroup
            label={t("groups.where")}
            value={draft.venueKind}
            onChange={(v) => set("venueKind", v as GroupDraft["venueKind"])}
          >
            <Radio value="venue">{t("groups.venue")}</Radio>
            <Radio value="online">{t("groups.online")}</Radio>
          </RadioGroup>
          <TextField
            {...(draft.venueKind === "venue"
              ? { name: "location.address", label: t("groups.address"), ...bind("address") }
              : { name: "location.url", label: t("groups.url"), type: "url", ...bind("url") })}
            description={t("groups.venueHint")}
            isRequired
          />
          <RadioGroup
            name="admission"
            label={t("groups.admission")}
            value={draft.admission}
            onChange={(v) => set("admission", v as GroupDraft["admission"])}
          >
            <Radio value="closed">{t("groups.admission.closed")}</Radio>
            <Radio value="rolling">{t("groups.admission.rolling")}</Radio>
          </RadioGroup>
          <p className="hint">{t("groups.youFacilitate", { name: self.name })}</p>
          <TextField
            name="facilitators"
            label={t("groups.coFacilitators")}
            description={t("groups.coFacilitatorsHint")}
            {...bind("coFacilitators")}
          />
        </fieldset>
        {group ? (
          <p className="hint">{t("groups.scheduleFixed")}</p>
        ) : (
          <ScheduleBuilder draft={draft.schedule} onChange={(schedule) => set("schedule", schedule)} />
        )}
        <FormActions
          submit={group ? t("groups.save") : t("groups.create")}
          isPending={mutation.isPending}
          isDisabled={scheduleProblem !== undefined}
        >
          <Link
            to={group ? "/groups/$groupId" : "/groups"}
            params={group ? { groupId: group.id } : {}}
            className="button button-secondary"
          >
            {t("groups.cancelEdit")}
          </Link>
        </FormActions>
      </ServiceForm>
    </Page>
  );
}
