// A line that says how an action went: an error or a warning is announced at once (role alert),
// a success politely (role status).
import type { ReactNode } from "react";
import type { Problem } from "../api/clients";
import { useT } from "../i18n/i18n";

export function Notice({ tone, children }: { tone: "error" | "warning" | "success"; children: ReactNode }) {
  return (
    <p role={tone === "success" ? "status" : "alert"} className={`notice ${tone}`}>
      {children}
    </p>
  );
}

/**
 * Why the service refused an action (nothing while there is no `problem`): the message for its
 * problem code, else for its status, else `otherwise` (say, the service's detail), else "the
 * action failed".
 */
export function Refusal({
  problem,
  codes = {},
  statuses = {},
  otherwise,
}: {
  problem: Problem | undefined;
  codes?: Record<string, string>;
  statuses?: Record<number, string>;
  otherwise?: string;
}) {
  const t = useT();
  if (!problem) return null;
  const said = (problem.code === undefined ? undefined : codes[problem.code]) ?? statuses[problem.status];
  return <Notice tone="error">{said ?? otherwise ?? t("common.actionFailed")}</Notice>;
}
