// The "referred elsewhere" outcome picks the service from the directory (by municipality and
// category), so the statistics can say where people were referred; "not in the directory" keeps a
// free name for the rare service that has no entry yet.
import { useState } from "react";
import { type PartnerCategory, usePartners } from "../../api/directory";
import { type MessageId, useT } from "../../i18n/i18n";
import { Radio, RadioGroup, TextField } from "../../ui/fields";
import type { Bound } from "../../ui/form";
import { PartnerFilters } from "./directory-screen";
import "./directory.css";

export const NOT_LISTED = "not-listed";

/** `partner` is the chosen entry's id (or NOT_LISTED), `otherName` the free name for NOT_LISTED. */
export function PartnerPicker({ partner, otherName }: { partner: Bound<string>; otherName: Bound<string> }) {
  const t = useT();
  const [municipality, setMunicipality] = useState("");
  const [category, setCategory] = useState<PartnerCategory | undefined>();
  const partners = usePartners({ municipality, category });
  const items = partners.data ?? [];
  return (
    <fieldset className="partner-picker">
      <legend>{t("directory.pick.legend")}</legend>
      <p className="hint">{t("directory.pick.hint")}</p>
      <PartnerFilters
        municipality={municipality}
        category={category}
        onMunicipality={setMunicipality}
        onCategory={setCategory}
      />
      {partners.isError && <p role="alert">{t("common.loadFailed")}</p>}
      {partners.isSuccess && items.length === 0 && <p role="status">{t("directory.pick.none")}</p>}
      <RadioGroup name="partnerId" label={t("directory.pick.partner")} {...partner} isRequired>
        <div className="partner-choices choices">
          {items.map((partner) => (
            <Radio key={partner.id} value={partner.id}>
              <strong>{partner.name}</strong>
              <br />
              <span className="hint">
                {t(`directory.category.${partner.category}` as MessageId)} ·{" "}
                {partner.municipalities.join(", ")}
                {partner.openNow !== null &&
                  ` · ${t(partner.openNow ? "directory.openNow" : "directory.closedNow")}`}
              </span>
            </Radio>
          ))}
          <Radio value={NOT_LISTED}>{t("directory.pick.other")}</Radio>
        </div>
      </RadioGroup>
      {partner.value === NOT_LISTED && (
        <TextField name="to" label={t("directory.pick.otherName")} {...otherName} isRequired />
      )}
    </fieldset>
  );
}
