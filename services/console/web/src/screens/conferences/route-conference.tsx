// The conference a screen's path names: "loading", "not found" (which is also all another
// organisation's id ever gets), or the screen drawn with it.
import { useParams } from "@tanstack/react-router";
import type { ReactNode } from "react";
import { type Conference, useConference } from "../../api/conferences";
import { useT } from "../../i18n/i18n";

export function RouteConference({
  children,
}: {
  children: (conference: Conference, id: string) => ReactNode;
}) {
  const t = useT();
  const { conferenceId } = useParams({ strict: false }) as { conferenceId: string };
  const conference = useConference(conferenceId);
  if (conference.isPending) return <p role="status">{t("common.loading")}</p>;
  if (conference.isError) return <p role="alert">{t("conferences.notFound")}</p>;
  return children(conference.data, conferenceId);
}
