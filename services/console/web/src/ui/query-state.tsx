// What a screen shows while its data loads, when loading failed and when there is nothing: the same
// words and roles everywhere (people, screen readers and the browser tests wait on them).
import type { UseQueryResult } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useT } from "../i18n/i18n";
import { Page } from "./layout";

const isEmptyList = (data: unknown) => Array.isArray(data) && data.length === 0;

export function Loaded<T>({
  query,
  empty,
  isEmpty = isEmptyList,
  children,
}: {
  query: Pick<UseQueryResult<T>, "isPending" | "isError" | "data">;
  /** Shown instead of `children` when `isEmpty(data)`: a string becomes a paragraph. */
  empty?: ReactNode;
  isEmpty?: (data: T) => boolean;
  children: (data: T) => ReactNode;
}) {
  const t = useT();
  if (query.isPending) return <p role="status">{t("common.loading")}</p>;
  if (query.isError || query.data === undefined) return <p role="alert">{t("common.loadFailed")}</p>;
  if (empty !== undefined && isEmpty(query.data)) return typeof empty === "string" ? <p>{empty}</p> : empty;
  return children(query.data);
}

export interface QueryListProps<R> {
  query: Pick<UseQueryResult<R[]>, "isPending" | "isError" | "data">;
  empty?: ReactNode;
  item: (entry: R, index: number) => ReactNode;
  ordered?: boolean;
  className?: string;
  "aria-label"?: string;
}

/** A query's list as a list (`ordered`: an <ol>): Loaded's lines, else one `item` (an <li>) each. */
export function QueryList<R>({ query, empty, item, ordered = false, ...list }: QueryListProps<R>) {
  const List = ordered ? "ol" : "ul";
  return (
    <Loaded query={query} empty={empty}>
      {(data) => <List {...list}>{data.map(item)}</List>}
    </Loaded>
  );
}

/**
 * A screen that is one query's list: the page, a hint, what comes before the list (a notice, a
 * form), the list itself and what follows it. The page's title names the list for screen readers
 * too, unless `labelled` is false.
 */
export function ListPage<R>({
  title,
  actions,
  hint,
  before,
  labelled = true,
  children,
  ...list
}: Omit<QueryListProps<R>, "aria-label"> & {
  title: string;
  actions?: ReactNode;
  hint?: string;
  before?: ReactNode;
  labelled?: boolean;
  /** After the list. */
  children?: ReactNode;
}) {
  return (
    <Page title={title} actions={actions}>
      {hint !== undefined && <p className="hint">{hint}</p>}
      {before}
      <QueryList {...list} aria-label={labelled ? title : undefined} />
      {children}
    </Page>
  );
}
