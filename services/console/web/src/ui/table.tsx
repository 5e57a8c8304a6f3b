// A data table: its caption (read by screen readers, hidden on screen unless asked), and its columns,
// each carrying its header and how it shows an item; one row per item.
import type { UseQueryResult } from "@tanstack/react-query";
import type { HTMLAttributes, Key, ReactNode } from "react";
import { Loaded } from "./query-state";

export interface Column<R> {
  header: ReactNode;
  cell: (item: R) => ReactNode;
  /** The cell that names its row for screen readers (`<th scope="row">`). */
  rowHeader?: boolean;
  className?: string;
}

interface TableProps<R> {
  caption?: ReactNode;
  columns: Column<R>[];
  rowKey: (item: R) => Key;
  /** Attributes of an item's row (a class that marks it, `aria-current`). */
  rowProps?: (item: R) => HTMLAttributes<HTMLTableRowElement>;
  className?: string;
  captionVisible?: boolean;
  "aria-labelledby"?: string;
}

export function DataTable<R>({
  caption,
  columns,
  rows,
  rowKey,
  rowProps,
  className,
  captionVisible = false,
  ...props
}: TableProps<R> & { rows: readonly R[] }) {
  return (
    <table className={className ? `table ${className}` : "table"} {...props}>
      {caption !== undefined && (
        <caption className={captionVisible ? undefined : "visually-hidden"}>{caption}</caption>
      )}
      <thead>
        <tr>
          {columns.map((column, index) => (
            <th scope="col" key={index}>
              {column.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((item) => (
          <tr key={rowKey(item)} {...rowProps?.(item)}>
            {columns.map(({ cell, rowHeader, className }, index) =>
              rowHeader ? (
                <th scope="row" key={index}>
                  {cell(item)}
                </th>
              ) : (
                <td key={index} className={className}>
                  {cell(item)}
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A table of a query's list: Loaded's loading, failed and `empty` lines, else one row per item. */
export function QueryTable<R>({
  query,
  empty,
  ...table
}: TableProps<R> & {
  query: Pick<UseQueryResult<R[]>, "isPending" | "isError" | "data">;
  empty?: ReactNode;
}) {
  return (
    <Loaded query={query} empty={empty}>
      {(data) => <DataTable {...table} rows={data} />}
    </Loaded>
  );
}
