// A route whose screen is its own lazy chunk: loaded the first time someone opens it.
import { type AnyRoute, createRoute, lazyRouteComponent } from "@tanstack/react-router";

/** `screen(path, () => import(file), "ExportName")` under `parent`. */
export function lazyScreens(parent: AnyRoute) {
  return (path: string, load: () => Promise<Record<string, unknown>>, name: string) =>
    createRoute({
      getParentRoute: () => parent,
      path,
      component: lazyRouteComponent(load as never, name as never),
    });
}
