// The frame around every signed-in screen: who is signed in, the role's screens, language,
// privacy curtain and sign-out.
import { Link, Outlet } from "@tanstack/react-router";
import type { ReactNode } from "react";
import { consoleCall, type SignedInSession, signOut } from "../api/session";
import { LANGUAGES, type Language, useLanguage, useT } from "../i18n/i18n";
import { housingLinks } from "../router/housing-routes";
import { Button } from "./button";
import { useCurtain } from "./curtain";
import { KeptRefusals } from "./notice";

export function LanguageSwitch({ signedIn }: { signedIn: boolean }) {
  const { language, setLanguage } = useLanguage();
  const t = useT();
  const choose = (next: Language) => {
    setLanguage(next);
    if (signedIn) {
      void consoleCall("/auth/session/language", { method: "PUT", body: JSON.stringify({ language: next }) });
    }
  };
  return (
    <fieldset className="language-switch" aria-label={t("nav.language")}>
      {LANGUAGES.map((l) => (
        <Button
          key={l}
          variant="quiet"
          aria-pressed={l === language}
          onPress={() => choose(l)}
          className={l === language ? "active" : undefined}
        >
          <span lang={l}>{l.toUpperCase()}</span>
        </Button>
      ))}
    </fieldset>
  );
}

/** The screens of the people who run groups and programmes. */
function staffLinks(t: ReturnType<typeof useT>) {
  return [
    { to: "/groups", label: t("groups.nav") },
    { to: "/sessions", label: t("sessions.nav") },
    { to: "/placements", label: t("placements.nav") },
    { to: "/calendar-feed", label: t("feed.nav") },
  ];
}

export function Layout({ session }: { session: SignedInSession }) {
  const t = useT();
  const curtain = useCurtain();
  const roles = session.user.roles;
  const links: Array<{ to: string; label: string }> = [];
  if (roles.includes("police")) {
    links.push({ to: "/police/referrals", label: t("nav.zoneReferrals") });
    links.push({ to: "/police/referrals/new", label: t("nav.newReferral") });
  }
  if (roles.includes("caseworker") || roles.includes("coordinator")) {
    links.push({ to: "/callbacks", label: t("nav.queue") });
  }
  if (roles.includes("facilitator") || roles.includes("programme_staff")) links.push(...staffLinks(t));
  if (
    (["caseworker", "coordinator", "facilitator", "programme_staff"] as const).some((r) => roles.includes(r))
  )
    links.push({ to: "/directory", label: t("directory.nav") });
  if (roles.includes("coordinator")) links.push({ to: "/coordination", label: t("nav.coordination") });
  links.push(...housingLinks(roles, t));
  if (roles.includes("coordinator")) links.push({ to: "/conferences", label: t("conferences.nav") });
  // Partners and police are invited to case conferences (issue 17).
  if (roles.includes("partner") || roles.includes("police")) {
    links.push({ to: "/conferences/mine", label: t("conferences.navMine") });
    links.push({ to: "/conferences/my-items", label: t("conferences.navItems") });
    links.push({ to: "/conferences/my-actions", label: t("conferences.navActions") });
  }
  return (
    <div className="app">
      <header className="header">
        <span className="brand">Relais</span>
        <nav aria-label={t("nav.main")} className="nav">
          {links.map((link) => (
            <Link
              key={link.to}
              to={link.to}
              className="nav-link"
              activeProps={{ "aria-current": "page" }}
              activeOptions={{ exact: link.to !== "/coordination" }}
            >
              {link.label}
            </Link>
          ))}
        </nav>
        <div className="header-tools">
          <span className="who">{session.user.name}</span>
          <LanguageSwitch signedIn />
          <Button variant="secondary" onPress={curtain.close}>
            {t("curtain.button")}
          </Button>
          <Button variant="secondary" onPress={() => signOut()}>
            {t("nav.signOut")}
          </Button>
        </div>
      </header>
      <main className="main" id="main">
        <Outlet />
      </main>
    </div>
  );
}

export function Page({
  title,
  children,
  actions,
}: {
  title: string;
  children: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <section className="page" aria-labelledby="page-title">
      <div className="page-head">
        <h1 id="page-title">{title}</h1>
        {actions}
      </div>
      <KeptRefusals>{children}</KeptRefusals>
    </section>
  );
}

/** Reads the screen's data again (`onRefresh`: say, its query's refetch). */
export function RefreshButton({ onRefresh }: { onRefresh: () => unknown }) {
  const t = useT();
  return (
    <Button variant="secondary" onPress={() => void onRefresh()}>
      {t("common.refresh")}
    </Button>
  );
}
