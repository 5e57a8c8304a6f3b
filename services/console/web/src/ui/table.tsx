// A data table: its caption (read by screen readers, hidden on screen unless asked) and its column
// headers; the screen writes the rows.
import type { ReactNode } from "react";

export function DataTable({
  caption,
  columns,
  className,
  captionVisible = false,
  children,
  ...props
}: {
  caption?: ReactNode;
  columns: ReactNode[];
  className?: string;
  captionVisible?: boolean;
  children: ReactNode;
  "aria-labelledby"?: string;
}) {
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
