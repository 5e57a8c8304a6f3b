// openapi-react-query keys a query by [method, path, init] and names no service, while several
// services answer the same paths (/v1/placements, /v1/statistics, /v1/dead-letters…). Two
// services' hooks on one path could then share a cache entry and show one service's data as the
// other's. So a path is queried through one service's `$service` hooks at most; the others read
// it with plain TanStack queries under keys that name their service.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const API = join(import.meta.dirname, "../web/src/api");
const CALL = /\$(\w+)\.(?:useQuery|useSuspenseQuery|useInfiniteQuery|queryOptions)\(\s*"(\w+)",\s*"([^"]+)"/g;

function hookPaths(): Map<string, Set<string>> {
  const services = new Map<string, Set<string>>();
  for (const file of readdirSync(API).filter((name) => name.endsWith(".ts"))) {
    for (const [, service, method, path] of readFileSync(join(API, file), "utf8").matchAll(CALL)) {
      const key = `${method} ${path}`;
      services.set(key, (services.get(key) ?? new Set()).add(service!));
    }
  }
  return services;
}

describe("query keys of the services' hooks", () => {
  it("finds the hooks it guards", () => {
    expect(hookPaths().size).toBeGreaterThan(20);
  });

  it("queries each path through one service only", () => {
    const shared = [...hookPaths()].filter(([, services]) => services.size > 1);
    expect(shared.map(([path, services]) => `${path}: ${[...services].join(", ")}`)).toEqual([]);
  });
});
