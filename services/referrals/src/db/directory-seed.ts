// The directory's example set: one or two entries per category, in municipalities of the routing
// seed, so that a development database can be searched and an outcome can name a partner. Every
// entry is an example, and says so three times: `example: true`, "Exemple —"/"Voorbeeld —" before
// its name and "(exemple)"/"(voorbeeld)" after it. Contacts are example.org mailboxes and
// websites; no phone number (a made-up Belgian number could be someone's). Projects replace this
// set with their own partners through the console or `POST /v1/directory/partners`.
//
// The entries are data, in directory-seed.json: each is the body a coordinator would send to that
// route, and is read through the route's own schema, so a seed entry can be nothing a coordinator
// could not write.
import { PartnerInput } from "../domain/directory-input.js";
import examples from "./directory-seed.json" with { type: "json" };

export const EXAMPLE_PARTNERS: PartnerInput[] = PartnerInput.array().parse(examples);
