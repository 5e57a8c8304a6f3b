// One directory entry as everyone who refers people on reads it: what it is, whom it serves, when
// it is open, how to refer, and its public (organisational) contact.
import type { Partner } from "../../api/directory";
import { type MessageId, useT } from "../../i18n/i18n";
import { windowText } from "./hours";

export function PartnerDetails({
  partner,
  headingLevel = 3,
}: {
  partner: Partner;
  headingLevel?: 2 | 3 | 4;
}) {
  const t = useT();
  const Heading = `h${headingLevel}` as "h3";
  const day = (d: number) => t(`directory.day.${d}` as MessageId);
  const { email, phone, website } = partner.contact;
  return (
    <div className="partner">
      <Heading className="partner-name">
        {partner.name}{" "}
        {partner.example && (
          <span className="badge example" title={t("directory.exampleHint")}>
            {t("directory.example")}
          </span>
        )}{" "}
        {partner.archivedAt && <span className="badge">{t("directory.archived")}</span>}
      </Heading>
      <p className="partner-facts">
        <span className="badge">{t(`directory.category.${partner.category}` as MessageId)}</span>{" "}
        {partner.openNow !== null && (
          <span className={`badge ${partner.openNow ? "open" : ""}`}>
            {t(partner.openNow ? "directory.openNow" : "directory.closedNow")}
          </span>
        )}
      </p>
      <dl className="partner-list">
        <dt>{t("directory.serves")}</dt>
        <dd>{partner.municipalities.join(", ")}</dd>
        <dt>{t("directory.languages")}</dt>
        <dd>{partner.languages.map((l) => t(`directory.language.${l}` as MessageId)).join(", ")}</dd>
        <dt>{t("directory.hours")}</dt>
        <dd>
          {partner.openingHours.windows.length === 0
            ? t("directory.hoursNone")
            : partner.openingHours.windows.map((w) => windowText(w, day)).join(" · ")}
        </dd>
        <dt>{t("directory.howToRefer")}</dt>
        <dd>{partner.howToRefer}</dd>
        <dt>{t("directory.contact")}</dt>
        <dd className="partner-contact">
          {phone && (
            <a href={`tel:${phone.replace(/[^+0-9]/g, "")}`}>
              {t("directory.contact.phone")}: {phone}
            </a>
          )}
          {email && (
            <a href={`mailto:${email}`}>
              {t("directory.contact.email")}: {email}
            </a>
          )}
          {website && (
            <a href={website} target="_blank" rel="noopener noreferrer">
              {t("directory.contact.website")}: {website}
            </a>
          )}
        </dd>
      </dl>
    </div>
  );
}
