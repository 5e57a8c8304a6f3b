// A call-back worker or a coordinator asks for a place for a person. The place is chosen in the
// same write transaction that holds it (writes run one at a time, `@relais/db`), so two requests
// never get the same place. High risk is immediate: the placement is confirmed at once and the
// person told; otherwise the place is held and housing staff confirm it. No place free: the
// request waits for housing staff. A caseworker asks only for a person their team follows: an open
// call-back task of that team, or one closed less than REQUEST_ACCESS_DAYS ago (`team_tasks`, from
// referrals' events); otherwise the author's team could take a place in the victim's name and have
// her sent a message she never asked for. A coordinator asks for anyone of the organisation.
import { enqueue } from "@relais/bus";
import { type Language, newId, type RiskLevel } from "@relais/contracts";
import { audit, Conflict, Invalid, teamsReach, writeVerb } from "@relais/service-kit";
import { and, eq, inArray } from "drizzle-orm";
import { placeFacts } from "../db/place-facts.js";
import type { PlacementRow } from "../db/placement-store.js";
import { placements, places } from "../db/schema.js";
import { seesPlacement } from "../domain/access.js";
import { choosePlace } from "../domain/allocation.js";
import { addNights, localToday } from "../domain/nights.js";
import { placementConfirmedEvent } from "./confirmed-event.js";
import type { TeamsContext } from "./context.js";

export interface PlacementRequest {
  personRef: string;
  referralId?: string;
  taskId?: string;
  team?: string;
  householdSize: number;
  riskLevel: RiskLevel;
  nights: number;
  language?: Language;
}

export async function requestPlacement(ctx: TeamsContext, input: PlacementRequest): Promise<PlacementRow> {
  const { principal, requestId, settings, teams } = ctx;
  const coordinator = principal.roles.includes("coordinator");
  const team = teamOf(coordinator, teams, input.team);
  if (input.nights > settings.maxNights)
    throw new Invalid("Too long a stay for one request", [
      {
        path: "nights",
        code: "max_nights",
        params: { maximum: settings.maxNights },
        message: `at most ${settings.maxNights} nights; extend the stay later`,
      },
    ]);
  const now = ctx.clock.now();
  const startDate = localToday(now, settings.timeZone);
  const plannedEndDate = addNights(startDate, input.nights);
  return writeVerb(ctx, async (tx, authorised) => {
    // The answer belongs to who may see the placement: the team that asked (or the coordinator).
    await authorised(team ? `team:${team}` : `sub:${principal.sub}`);
    // One answer for a person nobody follows and for one another team follows: nothing leaks.
    const followed =
      coordinator ||
      (team !== null &&
        (await teamsReach(tx, {
          orgId: principal.org,
          personRef: input.personRef,
          teams: [team],
          now,
          accessAfterCloseMs: settings.requestAccessAfterCloseMs,
        })));
    if (!followed)
      throw new Conflict("Your team has no call-back task for this person", "person_not_followed", [
        {
          path: "personRef",
          code: "not_followed",
          message: `no open or recent call-back task of ${team} for this person`,
        },
      ]);
    // Only a request or stay the caller may see counts: a 409 would otherwise tell the author's
    // team that the victim has asked for shelter. Housing staff see both requests and decline one.
    const open = await tx
      .select({ orgId: placements.orgId, team: placements.team })
      .from(placements)
      .where(
        and(
          eq(placements.orgId, principal.org),
          eq(placements.personRef, input.personRef),
          inArray(placements.status, ["waiting", "allocated", "confirmed"]),
        ),
      );
    if (open.some((row) => seesPlacement(principal, teams, row)))
      throw new Conflict("This person already has a request or a stay open", "placement_open", [
        { path: "personRef", code: "open_placement", message: "has an open placement" },
      ]);
    const chosen = choosePlace(
      await placeFacts(tx, principal.org),
      input.householdSize,
      startDate,
      plannedEndDate,
    );
    const immediate = input.riskLevel === "high" && chosen !== null;
    const row: PlacementRow = {
      id: newId(),
      orgId: principal.org,
      personRef: input.personRef,
      referralId: input.referralId ?? null,
      taskId: input.taskId ?? null,
      team,
      requestedBy: principal.sub,
      householdSize: input.householdSize,
      riskLevel: input.riskLevel,
      language: input.language ?? null,
      status: chosen ? (immediate ? "confirmed" : "allocated") : "waiting",
      placeId: chosen?.id ?? null,
      timeZone: settings.timeZone,
      startDate,
      plannedEndDate,
      confirmedAt: immediate ? now.toISOString() : null,
      confirmedBy: immediate ? principal.sub : null,
      declineReason: null,
      exit: null,
      endDate: null,
      followUpDue: null,
      followUpOutcome: null,
      followUpAt: null,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    };
    await tx.insert(placements).values(row);
    if (immediate && chosen) {
      const [place] = await tx
        .select({ sealed: places.addressSealed })
        .from(places)
        .where(eq(places.id, chosen.id));
      await enqueue(tx, placementConfirmedEvent(ctx, row, place?.sealed as string, requestId, now));
    }
    await audit(tx, { principal, requestId }, "placement.request", { type: "placement", id: row.id });
    return row;
  });
}

/** The team a request is for: a call-back worker's own (the only one, or the one named). */
function teamOf(coordinator: boolean, teams: readonly string[], asked: string | undefined): string | null {
  if (asked !== undefined) {
    if (!coordinator && !teams.includes(asked))
      throw new Invalid("Not one of your teams", [
        { path: "team", code: "not_your_team", message: "must be one of your call-back teams" },
      ]);
    return asked;
  }
  if (coordinator) return null;
  if (teams.length === 1) return teams[0] as string;
  throw new Invalid("Say which of your teams asks", [
    {
      path: "team",
      code: teams.length === 0 ? "not_your_team" : "required",
      message: teams.length === 0 ? "you belong to no call-back team" : "required: you are in several teams",
    },
  ]);
}
