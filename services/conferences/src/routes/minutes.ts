import { z } from "@hono/zod-openapi";
import { Language } from "@relais/contracts";
import { guardedRoute, routeModule } from "@relais/service-kit";
import { readConference } from "../actions/read-conference.js";
import type { AppDeps } from "../app.js";
import { renderMinutes } from "../domain/minutes.js";
import { readerContext } from "./reader.js";
import { IdParam, meetingsOf } from "./views.js";

const minutesRoute = guardedRoute({
  method: "get",
  path: "/v1/conferences/{id}/minutes",
  summary: "The minutes as a print-friendly HTML document: only what the reader may see, no contact details",
  roles: ["coordinator", "partner", "police"],
  request: {
    params: IdParam,
    query: z.object({
      lang: Language.default("fr"),
      meeting: z.iso
        .datetime({ offset: true })
        .optional()
        .openapi({ description: "Which meeting of a recurring conference (default: the latest begun)" }),
    }),
  },
  responses: {
    200: { description: "The minutes", content: { "text/html": { schema: z.string() } } },
  },
});

export function minutesRoutes(deps: AppDeps) {
  const { app } = routeModule(deps);
  return app.openapi(minutesRoute, async (c) => {
    const { id } = c.req.valid("param");
    const { lang, meeting } = c.req.valid("query");
    const read = await readConference(readerContext(c, deps), { id, action: "conference.minutes" });
    const { conference } = read;
    const now = deps.clock.now().toISOString();
    const meetings = meetingsOf(conference);
    const meetingAt = meeting
      ? new Date(meeting).toISOString().replace(/\.\d{3}Z$/, "Z")
      : ([...meetings].reverse().find((m) => m <= now) ?? meetings[0]!);
    const html = renderMinutes({
      language: lang,
      title: conference.title,
      status: conference.status,
      policeZone: conference.policeZone,
      municipality: conference.municipality,
      location: conference.location,
      timeZone: conference.timeZone,
      meetingAt,
      invitees: read.invitees
        .filter((i) => i.status === "invited")
        .map((i) => ({ id: i.id, organisationName: i.organisationName, role: i.role })),
      items: read.items,
    });
    return c.body(html, 200, { "Content-Type": "text/html; charset=utf-8" });
  });
}
