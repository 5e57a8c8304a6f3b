// Query and mutation hooks of the criticality grid (services/referrals README, "Criticality grid").
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { $referrals, referralsApi, unwrap } from "./clients";
import type { CriticalityGrid, components, LocalisedText } from "./generated/referrals";
import { claimedKey, QUEUE, stepOn } from "./referrals";

export type { CriticalityGrid, LocalisedText } from "./generated/referrals";
export type GridDefinition = components["schemas"]["CriticalityGridDefinition"];
export type GridSummary = components["schemas"]["CriticalityGridSummary"];
export type Assessment = components["schemas"]["CriticalityAssessment"];
export type Assessed = components["schemas"]["CriticalityAssessed"];
export type RiskLevel = Assessment["riskLevel"];

export function useCurrentGrid() {
  return $referrals.useQuery("get", "/v1/criticality-grids/current", {}, { retry: false });
}

export function useGridVersion(version: number | null) {
  return $referrals.useQuery(
    "get",
    "/v1/criticality-grids/{version}",
    { params: { path: { version: version ?? 0 } } },
    { enabled: version !== null },
  );
}

export function useGridVersions() {
  return $referrals.useQuery("get", "/v1/criticality-grids", {}, { select: (page) => page.items });
}

export function usePublishGrid() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ body, key }: { body: GridDefinition; key: string }) =>
      unwrap(
        await referralsApi.POST("/v1/criticality-grids", {
          params: { header: { "idempotency-key": key } },
          body,
        }),
      ),
    onSuccess: () =>
      queryClient
        .invalidateQueries({ queryKey: ["get", "/v1/criticality-grids/current"] })
        .then(() => queryClient.invalidateQueries({ queryKey: ["get", "/v1/criticality-grids/{version}"] }))
        .then(() => queryClient.invalidateQueries({ queryKey: ["get", "/v1/criticality-grids"] })),
  });
}

const assessments = (taskId: string) =>
  ["get", "/v1/callbacks/{id}/assessments", { params: { path: { id: taskId } } }] as const;

export function useAssessments(taskId: string) {
  return $referrals.useQuery(...assessments(taskId), { select: (page) => page.items });
}

export function useAssess(taskId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (step: {
      body: { gridVersion: number; answers: Record<string, string> };
      key: string;
    }) => unwrap(await referralsApi.POST("/v1/callbacks/{id}/assessments", stepOn(taskId, step))),
    onSuccess: (assessed) => {
      // The claimed task shows the re-planned risk and deadline at once.
      queryClient.setQueryData(claimedKey(taskId), (task) => (task ? { ...task, ...assessed.task } : task));
      void queryClient.invalidateQueries({ queryKey: assessments(taskId) });
      void queryClient.invalidateQueries({ queryKey: QUEUE });
    },
  });
}

/** The score and level of answers, as the service computes them (domain/criticality.ts). */
export function scoreOf(grid: CriticalityGrid, answers: Record<string, string>) {
  let score = 0;
  let missing = 0;
  for (const question of grid.questions) {
    const option = question.options.find((o) => o.id === answers[question.id]);
    if (option) score += option.weight;
    else if (question.required !== false) missing += 1;
  }
  const level: RiskLevel =
    score >= grid.thresholds.high ? "high" : score >= grid.thresholds.medium ? "medium" : "low";
  return { score, level, missing };
}

/** A grid text in the person's language, else the first the grid has (fr, nl, en). */
export function textIn(text: LocalisedText, language: "fr" | "nl" | "en"): string {
  return text[language] ?? text.fr ?? text.nl ?? text.en ?? "";
}
