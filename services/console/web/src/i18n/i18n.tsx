// Messages come from the fr / nl / en ICU catalogues in ./messages (translators edit those files);
// the language is the person's choice, then the browser's, then French.
import type { ReactNode } from "react";
import { createContext, useContext, useEffect, useMemo, useState } from "react";
import { I18nProvider } from "react-aria-components";
import { IntlProvider, useIntl } from "react-intl";
import type * as Catalogues from "./catalogues";
import { type Catalogue, loadCatalogue } from "./load-catalogue";

export const LANGUAGES = ["fr", "nl", "en"] as const;
export type Language = (typeof LANGUAGES)[number];
export type MessageId = keyof typeof Catalogues.en;

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

/** A retry of a catalogue that could not be fetched, after 1, 2, 4 … up to 30 s. */
const retryAfterMs = (attempt: number) => Math.min(30_000, 1_000 * 2 ** attempt);

/**
 * The chosen language and its catalogue. Until the first catalogue has arrived it shows a status
 * line; on a switch it keeps the current language on screen until the new one's has arrived.
 */
export function LanguageProvider({ initial, children }: { initial: Language; children: ReactNode }) {
  const [wanted, setLanguage] = useState<Language>(initial);
  const [shown, setShown] = useState<{ language: Language; messages: Catalogue } | null>(null);
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = (attempt: number) => {
      loadCatalogue(wanted).then(
        (messages) => live && setShown({ language: wanted, messages }),
        () => {
          if (live) timer = setTimeout(() => load(attempt + 1), retryAfterMs(attempt));
        },
      );
    };
    load(0);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [wanted]);
  useEffect(() => {
    if (shown) document.documentElement.lang = shown.language;
  }, [shown]);
  const language = shown?.language ?? wanted;
  const value = useMemo(() => ({ language, setLanguage }), [language]);
  if (!shown) return <p className="loading" role="status" />;
  return (
    <LanguageContext.Provider value={value}>
      <IntlProvider locale={LOCALES[shown.language]} messages={shown.messages} defaultLocale="en-GB">
        <I18nProvider locale={LOCALES[shown.language]}>{children}</I18nProvider>
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

/**
 * `maybe(\`audit.action.${code}\`)`: the message of an id built from a service's code, or undefined
 * when the catalogue has none (a code from a newer service), for the caller to fall back.
 */
export function useMaybeT() {
  const t = useT();
  const intl = useIntl();
  return (id: string) => (Object.hasOwn(intl.messages, id) ? t(id as MessageId) : undefined);
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
