// A police zone's webhook: where status changes are sent, signed with the zone's secret.
import { Conflict, Invalid, recordAudit } from "@relais/service-kit";
import { policeWebhooks } from "../db/schema.js";
import type { WebhookInput } from "../domain/route-input.js";
import { webhookTargetRefusal } from "../domain/webhook-target.js";
import { generateWebhookSecret, isWebhookSecret } from "../domain/webhooks.js";
import type { Ctx } from "./deps.js";

export async function registerWebhook(ctx: Ctx, { zone, input }: { zone: string; input: WebhookInput }) {
  const { principal, requestId } = ctx;
  const refused = webhookTargetRefusal(input.url, ctx.policy.webhookTargets);
  if (refused)
    throw new Invalid(`A webhook goes to https on a public address (this URL is ${refused})`, [
      { path: "url", code: "public_https", message: "Expected https on a public address" },
    ]);
  if (input.secret !== undefined && !isWebhookSecret(input.secret)) {
    throw new Conflict("Expected whsec_ and 24 to 64 base64 bytes", "invalid_secret", [
      { path: "secret", code: "invalid_format", message: "Not a whsec_ secret" },
    ]);
  }
  const secret = input.secret ?? generateWebhookSecret();
  const now = ctx.clock.now();
  const row = {
    orgId: principal.org,
    zone,
    url: input.url,
    secret: ctx.box.seal(secret),
    enabled: true,
    disabledReason: null,
    updatedAt: now.toISOString(),
  };
  await ctx.database.write(async (tx) => {
    await tx
      .insert(policeWebhooks)
      .values(row)
      .onConflictDoUpdate({ target: [policeWebhooks.orgId, policeWebhooks.zone], set: row });
    await recordAudit(tx, {
      principal,
      action: "webhook.put",
      recordType: "police_zone",
      recordId: zone,
      requestId,
      at: now,
    });
  });
  // The secret is shown once, when generated here; a secret the caller chose is not echoed.
  return {
    zone,
    url: input.url,
    enabled: true,
    updatedAt: row.updatedAt,
    ...(input.secret ? {} : { secret }),
  };
}
