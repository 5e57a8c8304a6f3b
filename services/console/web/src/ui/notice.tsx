// A line that says how an action went: an error or a warning is announced at once (role alert),
// a success politely (role status).
import type { ReactNode } from "react";
import { type Problem, problemOf } from "../api/clients";
import { useT } from "../i18n/i18n";

export function Notice({ tone, children }: { tone: "error" | "warning" | "success"; children: ReactNode }) {
  return (
    <p role={tone === "success" ? "status" : "alert"} className={`notice ${tone}`}>
      {children}
    </p>
  );
}

/**
 * Why the service refused an action (nothing while there is no `problem`, or no failed `error` of a
 * mutation): the message for its problem code, else for its status, else `otherwise` (say, the
 * service's detail), else "the action failed".
 */
export function Refusal({
  problem,
  error,
  codes = {},
  statuses = {},
  otherwise,
}: {
  problem?: Problem | undefined;
  error?: unknown;
  codes?: Record<string, string>;
  statuses?: Record<number, string>;
  otherwise?: string;
}) {
  const t = useT();
  const refused = problem ?? problemOf(error);
  if (!refused && !error) return null;
  const said =
    refused && ((refused.code === undefined ? undefined : codes[refused.code]) ?? statuses[refused.status]);
  return <Notice tone="error">{said ?? otherwise ?? t("common.actionFailed")}</Notice>;
}
