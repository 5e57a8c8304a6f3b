// A screen that is one query's list: the page, a hint, what comes before the list (a notice, a
// form), the list itself and what follows it. The page's title names the list for screen readers
// too, unless `labelled` is false.
import type { ReactNode } from "react";
import { Page } from "./layout";
import { QueryList, type QueryListProps } from "./query-state";

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
