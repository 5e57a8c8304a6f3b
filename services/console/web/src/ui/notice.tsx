// A line that says how an action went: an error or a warning is announced at once (role alert),
// a success politely (role status).
import type { ReactNode } from "react";

export function Notice({ tone, children }: { tone: "error" | "warning" | "success"; children: ReactNode }) {
  return (
    <p role={tone === "success" ? "status" : "alert"} className={`notice ${tone}`}>
      {children}
    </p>
  );
}
