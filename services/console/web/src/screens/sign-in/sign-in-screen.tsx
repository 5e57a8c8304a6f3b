// Sign-in: OpenID Connect in production; on the development stack, a picker of role,
// organisation, teams and police zone (the console offers it only there).
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Form } from "react-aria-components";
import { consoleCall, useSession } from "../../api/session";
import { useLanguage, useT } from "../../i18n/i18n";
import { Button, Select, TextField } from "../../ui/fields";
import { LanguageSwitch } from "../../ui/layout";

interface DevPerson {
  name: string;
  org: string;
  roles: string[];
  teams: string[];
  zone?: string;
}

const ROLES = [
  "police",
  "caseworker",
  "coordinator",
  "facilitator",
  "programme_staff",
  "housing_staff",
  "partner",
  "admin",
] as const;

export function SignInScreen() {
  const t = useT();
  const session = useSession();
  const mode = session.data?.mode ?? "development";
  return (
    <main className="sign-in" id="main">
      <div className="sign-in-card">
        <div className="sign-in-head">
          <h1 className="brand">Relais</h1>
          <LanguageSwitch signedIn={false} />
        </div>
        {session.data && !session.data.signedIn && session.data.ended && (
          <p role="status" className="notice">
            {t("signIn.ended")}
          </p>
        )}
        {mode === "oidc" ? (
          <a className="button button-primary" href="/auth/oidc/start">
            {t("signIn.oidc")}
          </a>
        ) : (
          <DevPicker />
        )}
      </div>
    </main>
  );
}

function DevPicker() {
  const t = useT();
  const { language } = useLanguage();
  const people = useQuery({
    queryKey: ["dev-people"],
    queryFn: () => consoleCall<{ people: DevPerson[] }>("/auth/dev/people"),
  });
  const [role, setRole] = useState<string>("caseworker");
  const [error, setError] = useState<string | null>(null);

  const signIn = async (person: DevPerson) => {
    setError(null);
    try {
      await consoleCall("/auth/dev/sign-in", {
        method: "POST",
        body: JSON.stringify({ ...person, zone: person.zone || undefined, language }),
      });
      window.location.assign("/");
    } catch {
      setError(t("signIn.failed"));
    }
  };

  return (
    <>
      <h2>{t("signIn.devTitle")}</h2>
      <p className="hint">{t("signIn.devHint")}</p>
      <ul className="people">
        {people.data?.people.map((person) => (
          <li key={person.name}>
            <Button variant="secondary" onPress={() => signIn(person)}>
              {t("signIn.as", { name: person.name })}
            </Button>
            <span className="person-meta">
              {person.roles.map((r) => t(`role.${r}` as never)).join(", ")}
              {person.teams.length > 0 && ` · ${person.teams.join(", ")}`}
              {person.zone && ` · ${t("signIn.zone")} ${person.zone}`}
            </span>
          </li>
        ))}
      </ul>
      <h2>{t("signIn.custom")}</h2>
      <Form
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          const data = new FormData(event.currentTarget);
          const list = (name: string) =>
            String(data.get(name) ?? "")
              .split(",")
              .map((s) => s.trim())
              .filter(Boolean);
          void signIn({
            name: String(data.get("name") ?? ""),
            org: String(data.get("org") ?? ""),
            roles: [role],
            teams: list("teams"),
            zone: String(data.get("zone") ?? "") || undefined,
          });
        }}
      >
        <TextField name="name" label={t("signIn.name")} isRequired defaultValue="Dev user" />
        <Select
          label={t("signIn.role")}
          selectedKey={role}
          onSelectionChange={(key) => setRole(String(key))}
          options={ROLES.map((r) => ({ id: r, label: t(`role.${r}` as never) }))}
        />
        <TextField name="org" label={t("signIn.org")} isRequired defaultValue="org-dev" />
        <TextField name="teams" label={t("signIn.teams")} description={t("signIn.teamsHint")} />
        <TextField name="zone" label={t("signIn.zone")} />
        {error && (
          <p role="alert" className="field-error">
            {error}
          </p>
        )}
        <Button type="submit">{t("signIn.submit")}</Button>
      </Form>
    </>
  );
}
