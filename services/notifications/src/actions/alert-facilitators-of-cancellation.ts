// A cancelled session, told to the group's facilitators at their professional addresses.
import type { SeriesSnapshot } from "@relais/contracts";
import { queueMessage } from "../db/messages.js";
import { formatWhen } from "../domain/format.js";
import type { TxContext } from "./context.js";

export async function alertFacilitatorsOfCancellation(
  ctx: TxContext,
  input: { orgId: string; series: SeriesSnapshot; originalStartsAt: string; reason?: string },
): Promise<void> {
  const { series } = input;
  const now = ctx.clock.now();
  for (const facilitator of series.facilitators) {
    await queueMessage(ctx.tx, ctx.box, {
      orgId: input.orgId,
      personRef: null,
      channel: "email",
      template: "session_cancelled_staff",
      language: series.language,
      discreet: false,
      payload: {
        to: facilitator.email ?? null,
        params: {
          groupName: series.publicName,
          when: formatWhen(input.originalStartsAt, series.timeZone, series.language),
          reason: input.reason ?? "",
        },
      },
      now,
    });
  }
}
