/// <reference types="vite/client" />
// Routes whose screen is its own lazy chunk, loaded the first time someone opens it, declared as a
// table: `path → "folder/file#ExportName"` under web/src/screens.
import { type AnyRoute, createRoute, lazyRouteComponent } from "@tanstack/react-router";

// Every screen module, each its own chunk; nothing here is loaded until a route asks for it.
const modules = import.meta.glob<Record<string, unknown>>("../screens/*/*-screen.tsx");

/** One lazy route per `path: "folder/file#ExportName"` entry, under `parent`. */
export function lazyScreens(parent: AnyRoute, table: Record<string, string>) {
  return Object.entries(table).map(([path, screen]) => {
    const [file, name] = screen.split("#");
    const load = modules[`../screens/${file}.tsx`];
    // A misspelt entry stops the app at start, in every test, rather than on the day someone opens it.
    if (!load || !name) throw new Error(`no screen module for ${path}: ${screen}`);
    return createRoute({
      getParentRoute: () => parent,
      path,
      component: lazyRouteComponent(load as never, name as never),
    });
  });
}
