// Stays are calendar dates in the housing service's zone (`YYYY-MM-DD`): shown as dates, never
// shifted through the browser's zone.
import { useIntl } from "react-intl";
import { dayForDisplay } from "../../time/calendar";

export function useFormatDay() {
  const intl = useIntl();
  return (ymd: string | null | undefined) =>
    ymd ? intl.formatDate(dayForDisplay(ymd), { dateStyle: "medium", timeZone: "UTC" }) : "";
}
