// The local resource directory: call-back workers, facilitators, programme staff and coordinators
// search partner services by municipality, category and language; coordinators add, edit,
// archive and restore entries. The filters live in this screen's state, never in its URL.
import { useState } from "react";
import {
  PARTNER_CATEGORIES,
  PARTNER_LANGUAGES,
  type Partner,
  type PartnerCategory,
  type PartnerLanguage,
  useArchivePartner,
  usePartners,
} from "../../api/directory";
import { useSession } from "../../api/session";
import { type MessageId, useT } from "../../i18n/i18n";
import { Button, Checkbox, FilterSelect, TextField } from "../../ui/fields";
import { useEntryEditor } from "../../ui/form";
import { Page } from "../../ui/layout";
import { PartnerDetails } from "./partner-details";
import { PartnerForm } from "./partner-form";
import "./directory.css";
import { Notice } from "../../ui/notice";
import { Loaded } from "../../ui/query-state";

/** The three filters: municipality (free text), category and language ("any" when not set). */
export function PartnerFilters({
  municipality,
  category,
  language,
  onMunicipality,
  onCategory,
  onLanguage,
}: {
  municipality: string;
  category: PartnerCategory | undefined;
  language?: PartnerLanguage | undefined;
  onMunicipality: (value: string) => void;
  onCategory: (value: PartnerCategory | undefined) => void;
  onLanguage?: (value: PartnerLanguage | undefined) => void;
}) {
  const t = useT();
  return (
    <div className="directory-filters">
      <TextField
        label={t("directory.filter.municipality")}
        value={municipality}
        onChange={onMunicipality}
        type="search"
      />
      <FilterSelect
        label={t("directory.filter.category")}
        all={t("directory.filter.any")}
        value={category}
        onChange={(value) => onCategory(value as PartnerCategory | undefined)}
        options={PARTNER_CATEGORIES.map((c) => ({ id: c, label: t(`directory.category.${c}` as MessageId) }))}
      />
      {onLanguage && (
        <FilterSelect
          label={t("directory.filter.language")}
          all={t("directory.filter.any")}
          value={language}
          onChange={(value) => onLanguage(value as PartnerLanguage | undefined)}
          options={PARTNER_LANGUAGES.map((l) => ({
            id: l,
            label: t(`directory.language.${l}` as MessageId),
          }))}
        />
      )}
    </div>
  );
}

export function DirectoryScreen() {
  const t = useT();
  const session = useSession();
  const isCoordinator = Boolean(session.data?.signedIn && session.data.user.roles.includes("coordinator"));
  const [municipality, setMunicipality] = useState("");
  const [category, setCategory] = useState<PartnerCategory | undefined>();
  const [language, setLanguage] = useState<PartnerLanguage | undefined>();
  const [showArchived, setShowArchived] = useState(false);
  const { editing, form, lastSaved, open, close, done } = useEntryEditor<Partner>((p) => p.id);
  const partners = usePartners({
    municipality,
    category,
    language,
    archived: showArchived ? "include" : "exclude",
  });
  const archive = useArchivePartner();
  return (
    <Page
      title={t("directory.title")}
      actions={
        isCoordinator && (
          <Button onPress={() => open("new")} isDisabled={editing !== null}>
            {t("directory.add")}
          </Button>
        )
      }
    >
      <p className="hint">{t("directory.intro")}</p>
      {lastSaved && <Notice tone="success">{t("directory.saved", { name: lastSaved })}</Notice>}
      {form && (
        <PartnerForm
          key={form.key}
          partner={form.entry}
          onDone={(partner) => done(partner.name)}
          onCancel={close}
        />
      )}
      <search className="card" aria-label={t("directory.title")}>
        <PartnerFilters
          municipality={municipality}
          category={category}
          language={language}
          onMunicipality={setMunicipality}
          onCategory={setCategory}
          onLanguage={setLanguage}
        />
        {isCoordinator && (
          <Checkbox isSelected={showArchived} onChange={setShowArchived}>
            {t("directory.filter.archived")}
          </Checkbox>
        )}
      </search>
      <Loaded query={partners}>
        {(data) => (
          <>
            <p role="status">{t("directory.results", { count: data.length })}</p>
            <ul className="directory-results">
              {data.map((partner) => (
                <li key={partner.id} className="card">
                  <PartnerDetails partner={partner} />
                  {isCoordinator && (
                    <div className="actions">
                      <Button
                        variant="secondary"
                        onPress={() => open(partner)}
                        aria-label={t("directory.editLabel", { name: partner.name })}
                      >
                        {t("directory.edit")}
                      </Button>
                      <Button
                        variant="secondary"
                        isPending={archive.isPending && archive.variables?.id === partner.id}
                        onPress={() => archive.mutate({ id: partner.id, archived: !partner.archivedAt })}
                        aria-label={t(
                          partner.archivedAt ? "directory.restoreLabel" : "directory.archiveLabel",
                          {
                            name: partner.name,
                          },
                        )}
                      >
                        {t(partner.archivedAt ? "directory.restore" : "directory.archive")}
                      </Button>
                    </div>
                  )}
                </li>
              ))}
            </ul>
          </>
        )}
      </Loaded>
    </Page>
  );
}
