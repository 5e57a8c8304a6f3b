import { useT } from "../../i18n/i18n";

/** Minutes as "3 h 05 min" in the person's language; a dash for none. */
export function useDuration() {
  const t = useT();
  return (minutes: number | null | undefined) => {
    if (minutes === null || minutes === undefined) return "—";
    const whole = Math.round(minutes);
    return t("oversight.duration", { hours: Math.floor(whole / 60), minutes: whole % 60 });
  };
}
