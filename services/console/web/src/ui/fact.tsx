// One term and its value in a description list (<dl>) of facts about a person, place or task.
import type { ReactNode } from "react";

export function Fact({ term, children }: { term: ReactNode; children: ReactNode }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}
