import { Link, useSearch } from "@tanstack/react-router";
import { useT } from "../../i18n/i18n";

export function SignedOutScreen() {
  const t = useT();
  const { reason } = useSearch({ from: "/signed-out" });
  return (
    <main className="sign-in" id="main">
      <div className="sign-in-card">
        <h1 className="brand">Relais</h1>
        <p role="status">{reason === "idle" ? t("signedOut.idle") : t("signedOut.done")}</p>
        <Link to="/sign-in" className="button button-primary">
          {t("signedOut.again")}
        </Link>
      </div>
    </main>
  );
}
