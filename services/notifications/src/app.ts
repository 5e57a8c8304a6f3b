import { serviceApp } from "@relais/service-kit";
import { Hono } from "hono";
import type { AppDeps } from "./actions/context.js";
import { calendarRoutes, hideFeedToken } from "./routes/calendars.js";
import { contactRoutes } from "./routes/contacts.js";
import { messageRoutes } from "./routes/messages.js";
import { statisticsRoutes } from "./routes/statistics.js";

export type { AppDeps } from "./actions/context.js";

export function createApp(deps: AppDeps) {
  const service = serviceApp(deps, "Relais notifications", [
    contactRoutes,
    messageRoutes,
    calendarRoutes,
    statisticsRoutes,
  ]);
  // In front of everything, so the kit's request log never sees a feed token in a path.
  const front = new Hono();
  front.all("*", (c) => service.fetch(hideFeedToken(c.req.raw), c.env));
  return front;
}
