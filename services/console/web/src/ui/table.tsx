// A data table: its caption (read by screen readers, hidden on screen unless asked) and its column
// headers; the screen writes the rows.
import type { UseQueryResult } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { Loaded } from "./query-state";

interface TableProps {
  caption?: ReactNode;
  columns: ReactNode[];
  className?: string;
  captionVisible?: boolean;
  "aria-labelledby"?: string;
}

export function DataTable({
  caption,
  columns,
  className,
  captionVisible = false,
  children,
  ...props
}: TableProps & { children: ReactNode }) {
  return (
    <table className={className ? `table ${className}` : "table"} {...props}>
      {caption !== undefined && (
        <caption className={captionVisible ? undefined : "visually-hidden"}>{caption}</caption>
      )}
      <thead>
        <tr>
          {columns.map((column, index) => (
            <th scope="col" key={index}>
              {column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}

/** A table of a query's list: Loaded's loading, failed and `empty` lines, else one `row` per item. */
export function QueryTable<R>({
  query,
  empty,
  row,
  ...table
}: TableProps & {
  query: Pick<UseQueryResult<R[]>, "isPending" | "isError" | "data">;
  empty?: ReactNode;
  row: (item: R) => ReactNode;
}) {
  return (
    <Loaded query={query} empty={empty}>
      {(data) => <DataTable {...table}>{data.map(row)}</DataTable>}
    </Loaded>
  );
}
