// An emergency placement confirmed: the person gets one discreet message with the address, on the
// first channel their preferences allow, inside their safe windows whatever the channel (an
// address read over a shoulder is worse than a time). The address stays sealed in the message row
// (DATA_KEY) like every other payload; the delivery log shows the template and status only.
// Without a contact in this organisation nothing can be sent: the row is kept as `no_contact`, so
// the coordinator sees that the person must be told another way.
import type { PlacementAddressSealed, PlacementConfirmed } from "@relais/contracts";
import { loadContact } from "../db/contacts.js";
import { queueMessage } from "../db/messages.js";
import { isPurged } from "../db/purged-persons.js";
import { reachOf } from "../domain/contact.js";
import { formatDay } from "../domain/format.js";
import type { EventOf, TxContext } from "./context.js";

export async function tellPlacementAddress(
  ctx: TxContext,
  input: { event: EventOf<typeof PlacementConfirmed>; sealed: () => PlacementAddressSealed },
): Promise<void> {
  const { tx } = ctx;
  const { data, orgId } = input.event;
  if (await isPurged(tx, data.personRef)) return;
  const contact = await loadContact(tx, ctx.box, orgId, data.personRef);
  const { channel, to, discreet, suppressed } = reachOf(contact);
  const language = contact?.language ?? data.language ?? "fr";
  await queueMessage(tx, ctx.box, {
    orgId,
    personRef: data.personRef,
    channel: channel ?? "email",
    template: "housing_placement_confirmed",
    language,
    discreet,
    payload: {
      to,
      params: {
        name: discreet ? "" : (contact?.displayName ?? ""),
        when: formatDay(data.startDate, language),
        address: input.sealed().address,
      },
      safeWindow: { personRef: data.personRef, allChannels: true },
    },
    suppressed: contact ? suppressed : "no_contact",
    now: ctx.clock.now(),
  });
}
