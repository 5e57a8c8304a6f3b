// A line that says how an action went: an error or a warning is announced at once (role alert),
// a success politely (role status).
import type { ReactNode } from "react";
import { type Problem, problemOf } from "../api/clients";
import { useT } from "../i18n/i18n";
import { useFieldMessage, useRuleSentence } from "./form";

export function Notice({ tone, children }: { tone: "error" | "warning" | "success"; children: ReactNode }) {
  return (
    <p role={tone === "success" ? "status" : "alert"} className={`notice ${tone}`}>
      {children}
    </p>
  );
}

/**
 * Why the service refused an action (nothing while there is no `problem`, or no failed `error` of a
 * mutation), always in the reader's language, never the service's English `detail`: the screen's
 * message for its problem code, else the rule's own sentence (`useRuleSentence`), else the
 * screen's for its status, else `otherwise`, else what its refused fields break
 * (their `field.*` messages), else what its status means ("the service could not answer", "the
 * case has changed"), else `failed` ("the action failed").
 */
export function Refusal({
  problem,
  error,
  codes = {},
  statuses = {},
  otherwise,
  failed,
}: {
  problem?: Problem | undefined;
  error?: unknown;
  codes?: Record<string, string>;
  statuses?: Record<number, string>;
  otherwise?: string;
  failed?: string;
}) {
  const t = useT();
  const say = useFieldMessage();
  const rule = useRuleSentence();
  const refused = problem ?? problemOf(error);
  if (!refused && !error) return null;
  const said =
    refused &&
    ((refused.code === undefined ? undefined : codes[refused.code]) ??
      rule(refused.code) ??
      statuses[refused.status]);
  const fields = refused?.errors?.length ? refused.errors.map(say).join(" ") : undefined;
  const byStatus =
    refused && refused.status >= 500
      ? t("common.serverError")
      : refused?.status === 409
        ? t("common.conflict")
        : undefined;
  return (
    <Notice tone="error">
      {said ?? otherwise ?? fields ?? byStatus ?? failed ?? t("common.actionFailed")}
    </Notice>
  );
}
