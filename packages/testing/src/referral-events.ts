// Referrals' events as it publishes them, for the services' tests that consume them:
// `referral.received` filed by police zone 5277 for Seraing, high risk (overrides replace whole
// fields), and a call-back task's `callback.opened` and `.closed`.
import { CallbackClosed, CallbackOpened, createEvent, ReferralReceived } from "@relais/contracts";

type ReferralData = ReturnType<
  typeof createEvent<typeof ReferralReceived.type, typeof ReferralReceived.data>
>["data"];
type ReferredPerson = ReferralData["persons"][number];

/** A person of the referral: consenting, French-speaking, in Brussels' time zone. */
export function referredPerson(
  personRef: string,
  role: ReferredPerson["role"],
  overrides: Partial<ReferredPerson> & Pick<ReferredPerson, "preferences">,
): ReferredPerson {
  return { personRef, role, consent: true, language: "fr", timeZone: "Europe/Brussels", ...overrides };
}

export function referralReceived(
  orgId: string,
  data: Partial<ReferralData> & Pick<ReferralData, "referralId" | "persons">,
) {
  return createEvent(ReferralReceived, {
    orgId,
    source: "referrals",
    data: {
      policeZone: "5277",
      municipality: "Seraing",
      riskLevel: "high",
      childrenPresent: false,
      ...data,
    },
  });
}

export interface CallbackTaskInput {
  taskId: string;
  personRef: string;
  team: string;
  role?: "victim" | "author";
  /** Defaults to `ref-<personRef>`. */
  referralId?: string;
}

/** What every announcement of a task says about it. */
function taskData(task: CallbackTaskInput) {
  const { taskId, personRef, team } = task;
  return {
    taskId,
    referralId: task.referralId ?? `ref-${personRef}`,
    personRef,
    role: task.role ?? "victim",
    team,
  };
}

/** A call-back task of `team` for the person, as referrals announces it when it is created. */
export function callbackOpened(orgId: string, task: CallbackTaskInput & { openedAt?: string }) {
  return createEvent(CallbackOpened, {
    orgId,
    source: "referrals",
    data: { ...taskData(task), openedAt: task.openedAt ?? "2026-01-01T09:00:00.000Z" },
  });
}

/** The task closed with an outcome (`accepted` unless said). */
export function callbackClosed(
  orgId: string,
  task: CallbackTaskInput & { closedAt: string; outcome?: "accepted" | "declined" | "unreachable" },
) {
  return createEvent(CallbackClosed, {
    orgId,
    source: "referrals",
    data: { ...taskData(task), outcome: task.outcome ?? "accepted", closedAt: task.closedAt },
  });
}
