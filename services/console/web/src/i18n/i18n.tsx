// Messages come from the fr / nl / en ICU catalogues in ./messages (translators edit those files);
// the language is the person's choice, then the browser's, then French.
import type { ReactNode } from "react";
import { createContext, useContext, useMemo, useState } from "react";
import { I18nProvider } from "react-aria-components";
import { IntlProvider, useIntl } from "react-intl";
import { en, fr, nl } from "./catalogues";

export const LANGUAGES = ["fr", "nl", "en"] as const;
export type Language = (typeof LANGUAGES)[number];
export type MessageId = keyof typeof en;

const CATALOGUES: Record<Language, Record<string, string>> = { fr, nl, en };
const LOCALES: Record<Language, string> = { fr: "fr-BE", nl: "nl-BE", en: "en-GB" };

export function browserLanguage(): Language {
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = tag.slice(0, 2).toLowerCase();
    if ((LANGUAGES as readonly string[]).includes(base)) return base as Language;
  }
  return "fr";
}

const LanguageContext = createContext<{ language: Language; setLanguage: (l: Language) => void }>({
  language: "fr",
  setLanguage: () => {},
});

export function LanguageProvider({ initial, children }: { initial: Language; children: ReactNode }) {
  const [language, setLanguage] = useState<Language>(initial);
  const value = useMemo(() => ({ language, setLanguage }), [language]);
  return (
    <LanguageContext.Provider value={value}>
      <IntlProvider locale={LOCALES[language]} messages={CATALOGUES[language]} defaultLocale="en-GB">
        <I18nProvider locale={LOCALES[language]}>{children}</I18nProvider>
      </IntlProvider>
    </LanguageContext.Provider>
  );
}

export const useLanguage = () => useContext(LanguageContext);

type Values = Record<string, string | number | Date | ReactNode>;

/** `t("queue.title")`: a message of the current catalogue, typed against the English one. */
export function useT() {
  const intl = useIntl();
  return (id: MessageId, values?: Values) => intl.formatMessage({ id }, values as never) as string;
}

/** Dates and times in a given IANA zone, never the browser's. */
export function useFormatTime() {
  const intl = useIntl();
  return (
    iso: string | null | undefined,
    timeZone: string,
    style: "datetime" | "date" | "time" = "datetime",
  ) => {
    if (!iso) return "";
    const date = new Date(iso);
    if (style === "date") return intl.formatDate(date, { dateStyle: "medium", timeZone });
    if (style === "time") return intl.formatTime(date, { timeStyle: "short", timeZone });
    return intl.formatDate(date, { dateStyle: "medium", timeStyle: "short", timeZone });
  };
}
