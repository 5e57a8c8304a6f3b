// The minutes of a conference as a print-friendly HTML document: what the reader may see of the
// agenda, decisions and actions, and the invited organisations by name — never an e-mail address
// or any other contact detail. Texts come from the catalogues in messages/ (fr, nl, en).
import type { Language } from "@relais/contracts";
import { DateTime } from "luxon";
import en from "./messages/en.json" with { type: "json" };
import fr from "./messages/fr.json" with { type: "json" };
import nl from "./messages/nl.json" with { type: "json" };

const CATALOGUES: Record<Language, Record<string, string>> = { fr, nl, en };
const LOCALES: Record<Language, string> = { fr: "fr-BE", nl: "nl-BE", en: "en-GB" };

export interface MinutesInput {
  language: Language;
  title: string;
  status: "scheduled" | "cancelled";
  policeZone: string;
  municipality: string;
  location: string | null;
  timeZone: string;
  /** UTC instant of the meeting the minutes are of. */
  meetingAt: string;
  invitees: Array<{ id: string; organisationName: string; role: "partner" | "police" }>;
  items: Array<{
    position: number;
    summary: string;
    question: string;
    riskLevel: "high" | "medium" | "low";
    confidential: boolean;
    decisions: Array<{
      text: string;
      actions: Array<{ description: string; ownerInviteeId: string; dueDate: string; status: string }>;
    }>;
  }>;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

export function renderMinutes(input: MinutesInput): string {
  const t = (id: string) => escapeHtml(CATALOGUES[input.language][id] ?? id);
  const locale = LOCALES[input.language];
  const when = DateTime.fromISO(input.meetingAt, { zone: input.timeZone })
    .setLocale(locale)
    .toLocaleString(DateTime.DATETIME_FULL);
  const due = (date: string) =>
    DateTime.fromISO(date, { zone: input.timeZone }).setLocale(locale).toLocaleString(DateTime.DATE_FULL);
  const owner = (id: string) => escapeHtml(input.invitees.find((i) => i.id === id)?.organisationName ?? "—");
  const paragraphs = (text: string) =>
    escapeHtml(text)
      .split(/\n{2,}/)
      .map((p) => `<p>${p.replace(/\n/g, "<br>")}</p>`)
      .join("");
  const items = input.items.map((item) => {
    const decisions =
      item.decisions.length === 0
        ? `<p>${t("minutes.noDecisions")}</p>`
        : item.decisions
            .map((decision) => {
              const rows = decision.actions
                .map(
                  (a) =>
                    `<tr><td>${escapeHtml(a.description)}</td><td>${owner(a.ownerInviteeId)}</td><td>${escapeHtml(due(a.dueDate))}</td><td>${t(`status.${a.status}`)}</td></tr>`,
                )
                .join("");
              const table = rows
                ? `<table><thead><tr><th scope="col">${t("minutes.action")}</th><th scope="col">${t("minutes.owner")}</th><th scope="col">${t("minutes.due")}</th><th scope="col">${t("minutes.status")}</th></tr></thead><tbody>${rows}</tbody></table>`
                : "";
              return `<div class="decision">${paragraphs(decision.text)}${table}</div>`;
            })
            .join("");
    return `<section><h3>${item.position}. ${t("minutes.risk")}: ${t(`risk.${item.riskLevel}`)}${
      item.confidential ? ` — ${t("minutes.confidential")}` : ""
    }</h3><h4>${t("minutes.summary")}</h4>${paragraphs(item.summary)}<h4>${t("minutes.question")}</h4>${paragraphs(
      item.question,
    )}<h4>${t("minutes.decisions")}</h4>${decisions}</section>`;
  });
  return `<!doctype html>
<html lang="${input.language}">
<head>
<meta charset="utf-8">
<meta name="robots" content="noindex">
<title>${t("minutes.title")}</title>
<style>
body { font: 11pt/1.45 system-ui, sans-serif; max-width: 48rem; margin: 2rem auto; padding: 0 1rem; color: #111; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.2rem; border-bottom: 1px solid #999; } h3 { font-size: 1.05rem; }
h4 { font-size: .95rem; margin-bottom: .2rem; } table { border-collapse: collapse; width: 100%; margin: .5rem 0; }
th, td { border: 1px solid #999; padding: .25rem .4rem; text-align: left; vertical-align: top; }
section { break-inside: avoid; margin-bottom: 1.2rem; } .note { font-style: italic; }
@media print { body { margin: 0; max-width: none; } }
</style>
</head>
<body>
<h1>${t("minutes.title")} — ${escapeHtml(input.title)}</h1>
<p class="note">${t("minutes.confidentialNote")}</p>
${input.status === "cancelled" ? `<p><strong>${t("minutes.cancelled")}</strong></p>` : ""}
<dl>
<dt>${t("minutes.meeting")}</dt><dd>${escapeHtml(when)}</dd>
<dt>${t("minutes.zone")}</dt><dd>${escapeHtml(input.policeZone)}</dd>
<dt>${t("minutes.municipality")}</dt><dd>${escapeHtml(input.municipality)}</dd>
${input.location ? `<dt>${t("minutes.place")}</dt><dd>${escapeHtml(input.location)}</dd>` : ""}
</dl>
<h2>${t("minutes.invitees")}</h2>
<ul>${input.invitees.map((i) => `<li>${escapeHtml(i.organisationName)} (${t(`role.${i.role}`)})</li>`).join("")}</ul>
<h2>${t("minutes.agenda")}</h2>
${items.length > 0 ? items.join("\n") : `<p>${t("minutes.noItems")}</p>`}
</body>
</html>
`;
}
