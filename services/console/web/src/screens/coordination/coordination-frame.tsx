// The coordinator's own navigation: oversight, configuration, when things go wrong, audit.
import { Link, Outlet } from "@tanstack/react-router";
import { type MessageId, useT } from "../../i18n/i18n";
import "./coordination.css";

const SECTIONS: Array<{ title: MessageId; links: Array<{ to: string; label: MessageId }> }> = [
  {
    title: "oversight.section",
    links: [
      { to: "/coordination/oversight", label: "oversight.title" },
      { to: "/coordination/escalations", label: "escalations.title" },
      { to: "/coordination/unrouted", label: "oversight.unroutedTitle" },
      { to: "/coordination/lookup", label: "lookup.title" },
    ],
  },
  {
    title: "routing.section",
    links: [
      { to: "/coordination/routing", label: "routing.title" },
      { to: "/coordination/zones", label: "zones.title" },
      { to: "/coordination/criticality-grids", label: "criticality.grids.nav" },
    ],
  },
  {
    title: "deadLetters.section",
    links: [
      { to: "/coordination/dead-letters", label: "deadLetters.title" },
      { to: "/coordination/delivery-log", label: "deliveryLog.title" },
    ],
  },
  { title: "audit.section", links: [{ to: "/coordination/audit", label: "audit.title" }] },
  { title: "stats.navSection", links: [{ to: "/coordination/statistics", label: "stats.title" }] },
];

export function CoordinationFrame() {
  const t = useT();
  return (
    <div className="coordination">
      <nav aria-label={t("oversight.navLabel")} className="subnav">
        {SECTIONS.map((section) => (
          <div key={section.title} className="subnav-section">
            <span className="subnav-title">{t(section.title)}</span>
            {section.links.map((link) => (
              <Link key={link.to} to={link.to} className="nav-link" activeProps={{ "aria-current": "page" }}>
                {t(link.label)}
              </Link>
            ))}
          </div>
        ))}
      </nav>
      <div className="coordination-main">
        <Outlet />
      </div>
    </div>
  );
}
