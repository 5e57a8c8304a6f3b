// One JetStream stream per producing service; the first subject token names it.
export const STREAMS = {
  REFERRALS: { name: "REFERRALS", subjects: ["referrals.>"] },
  GROUPS: { name: "GROUPS", subjects: ["groups.>"] },
  NOTIFICATIONS: { name: "NOTIFICATIONS", subjects: ["notifications.>"] },
  CONFERENCES: { name: "CONFERENCES", subjects: ["conferences.>"] },
  HOUSING: { name: "HOUSING", subjects: ["housing.>"] },
} as const;
export type StreamName = keyof typeof STREAMS;

export function streamOf(subject: string): StreamName {
  const head = subject.split(".")[0]?.toUpperCase();
  if (head && head in STREAMS) return head as StreamName;
  throw new Error(`No stream serves subject ${subject}`);
}
