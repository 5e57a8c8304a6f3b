/// <reference types="vite/client" />
// One language's catalogue, fetched when someone reads it: the first script carries none of the
// three (they were a fifth of it), the language read is fetched beside the session, and another
// only when someone switches to it.
import type { Language } from "./i18n";

export type Catalogue = Record<string, string>;

// The main catalogue and one per feature (messages/<feature>/<language>.json), each its own chunk.
const files = import.meta.glob<{ default: Catalogue }>("./messages/**/*.json");
const loading = new Map<Language, Promise<Catalogue>>();

export function loadCatalogue(language: Language): Promise<Catalogue> {
  let catalogue = loading.get(language);
  if (!catalogue) {
    const parts = Object.entries(files).filter(([path]) => path.endsWith(`/${language}.json`));
    catalogue = Promise.all(parts.map(([, load]) => load())).then((modules) =>
      Object.assign({}, ...modules.map((module) => module.default)),
    );
    // A failed fetch (the network dropped) is tried again on the next call, not remembered.
    catalogue.catch(() => loading.delete(language));
    loading.set(language, catalogue);
  }
  return catalogue;
}
