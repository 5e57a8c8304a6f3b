/** Who sees which tasks: coordinators everything in their organisation, caseworkers their teams'. */
export type Scope = { kind: "organisation" } | { kind: "teams"; teams: string[] };
