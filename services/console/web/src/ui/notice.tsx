// A line that says how an action went: an error or a warning is announced at once (role alert),
// a success politely (role status).
import { createContext, type ReactNode, useContext, useEffect, useRef, useState } from "react";
import { type Problem, problemOf } from "../api/clients";
import { useT } from "../i18n/i18n";
import { Button } from "./button";
import { useFieldMessage, useRuleSentence } from "./form";

export function Notice({ tone, children }: { tone: "error" | "warning" | "success"; children: ReactNode }) {
  return (
    <p role={tone === "success" ? "status" : "alert"} className={`notice ${tone}`}>
      {children}
    </p>
  );
}

type RefusalProps = {
  problem?: Problem | undefined;
  error?: unknown;
  codes?: Record<string, string>;
  statuses?: Record<number, string>;
  otherwise?: string;
  failed?: string;
};

/**
 * Why the service refused an action (null while there is no `problem`, or no failed `error` of a
 * mutation), always in the reader's language, never the service's English `detail`: the screen's
 * message for its problem code, else the rule's own sentence (`useRuleSentence`), else the
 * screen's for its status, else `otherwise`, else what its refused fields break
 * (their `field.*` messages), else what its status means ("the service could not answer", "the
 * case has changed"), else `failed` ("the action failed").
 */
function useRefusalSentence({ problem, error, codes = {}, statuses = {}, otherwise, failed }: RefusalProps) {
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
  return said ?? otherwise ?? fields ?? byStatus ?? failed ?? t("common.actionFailed");
}

const KeepRefusal = createContext<((sentence: string) => void) | null>(null);

/**
 * Why the service refused an action, as `useRefusalSentence` says it. In a list's row, give it
 * `outlivesRow`: a conflict reloads the list (`whenStale`), and when the record someone
 * else has just moved leaves the list, its row goes with its message; the page (`KeptRefusals`)
 * then says it above the list, with the list refreshed.
 */
export function Refusal({ outlivesRow = false, ...props }: RefusalProps & { outlivesRow?: boolean }) {
  const sentence = useRefusalSentence(props);
  const keep = useContext(KeepRefusal);
  const shown = useRef(sentence);
  shown.current = sentence;
  useEffect(
    () => () => {
      if (outlivesRow && shown.current) keep?.(shown.current);
    },
    [outlivesRow, keep],
  );
  return sentence === null ? null : <Notice tone="error">{sentence}</Notice>;
}

/** Where a page says the refusals of rows that have left its lists (see `Refusal`'s `outlivesRow`). */
export function KeptRefusals({ children }: { children: ReactNode }) {
  const t = useT();
  const [kept, setKept] = useState<string | null>(null);
  return (
    <KeepRefusal.Provider value={setKept}>
      {kept !== null && (
        <div className="kept-refusal">
          <Notice tone="error">{t("common.listRefreshed", { refusal: kept })}</Notice>
          <Button variant="quiet" onPress={() => setKept(null)}>
            {t("common.dismiss")}
          </Button>
        </div>
      )}
      {children}
    </KeepRefusal.Provider>
  );
}
