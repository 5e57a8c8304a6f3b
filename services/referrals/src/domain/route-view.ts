// A municipality's routes as coordinators see them: one entry with its victim and author teams.

export interface RouteView {
  municipality: string;
  victim: { team: string; teamEmail: string | null } | null;
  author: { team: string; teamEmail: string | null } | null;
  project: string | null;
  updatedAt: string;
}

/** A stored route: one municipality's team for one role. */
interface RouteRow {
  municipalityKey: string;
  municipality: string;
  role: "victim" | "author";
  team: string;
  teamEmail: string | null;
  project: string | null;
  updatedAt: string;
}

export function toViews(rows: RouteRow[]): RouteView[] {
  const byKey = new Map<string, RouteView>();
  for (const row of rows) {
    const view = byKey.get(row.municipalityKey) ?? {
      municipality: row.municipality,
      victim: null,
      author: null,
      project: row.project,
      updatedAt: row.updatedAt,
    };
    view[row.role] = { team: row.team, teamEmail: row.teamEmail };
    if (row.updatedAt > view.updatedAt) view.updatedAt = row.updatedAt;
    byKey.set(row.municipalityKey, view);
  }
  return [...byKey.values()];
}
