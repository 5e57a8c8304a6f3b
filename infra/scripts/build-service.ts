// Bundles a service's src/main.ts and the workspace packages it imports (which ship TypeScript
// source) into dist/main.js, so production, `pnpm start` and the bench run plain `node` with no
// TypeScript loader in memory and nothing to transpile at start. `pnpm build` in a service runs
// it on that service; `pnpm start` runs it on each service before starting them.
// esbuild, not tsc: tsc would emit the service alone and leave @relais/* imports pointing at .ts
// files Node cannot run; esbuild bundles them in one pass of well under a second, and is already
// what tsx runs on. @libsql/client stays external: it loads a native addon at run time.
// Whitespace and syntax are minified (identifiers are kept, so stack traces still name functions):
// V8 holds a bundle's source in memory, and a third less of it measured ~4 MiB less idle RSS.
import { existsSync, readdirSync, rmSync } from "node:fs";
import { rm } from "node:fs/promises";
import { basename, join, resolve } from "node:path";
import { build, type Plugin } from "esbuild";

/**
 * zod re-exports all of its ~50 error-message locales as `z.locales` (~290 kB of a ~1.7 MB
 * bundle, held by V8 as source and run at start); Relais never switches zod's locale (its own
 * catalogues carry user-facing text), so the bundle's `z.locales` holds English only, which zod
 * registers by default. A `z.config(z.locales.fr())` would fail at start, not silently.
 */
const zodEnglishOnly: Plugin = {
  name: "zod-english-only",
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]v4[\\/](classic|core)[\\/]/.test(args.importer)
        ? { path: join(args.resolveDir, "../locales/en.js"), namespace: "zod-english-only" }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: "zod-english-only" }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(args.path)};`,
      resolveDir: args.path.replace(/[\\/][^\\/]+$/, ""),
    }));
  },
};

/**
 * The bundle's first lines, run before any bundled module is evaluated:
 * - bundled CommonJS packages call require(); an ES module has none unless it makes one;
 * - the young generation is held at its initial size while the service loads, unless the
 *   operator chose a growth factor (`node --semi-space-growth-factor=N`); the service lets it
 *   grow once it listens (`releaseYoungGeneration`, packages/service-kit/src/heap.ts, says why).
 *   In the main thread only: a worker's bundle shares the process's V8 flags.
 */
const BANNER = [
  "import { createRequire as __relaisCreateRequire } from 'node:module';",
  "import { setFlagsFromString as __relaisSetV8Flags } from 'node:v8';",
  "import { isMainThread as __relaisIsMainThread } from 'node:worker_threads';",
  "const require = __relaisCreateRequire(import.meta.url);",
  "if (__relaisIsMainThread && !process.execArgv.some((arg) => arg.replaceAll('_', '-').startsWith('--semi-space-growth-factor'))) __relaisSetV8Flags('--semi-space-growth-factor=1');",
].join("\n");

export async function buildService(serviceDir: string, outDir = join(serviceDir, "dist")): Promise<string> {
  const outfile = join(outDir, "main.js");
  await rm(outDir, { recursive: true, force: true });
  await build({
    // A worker thread's module (`src/**/<name>-worker.ts`) is a bundle of its own beside main.js,
    // which starts it as `new URL("./<name>-worker.js", import.meta.url)`.
    entryPoints: [
      { in: join(serviceDir, "src/main.ts"), out: "main" },
      ...workerEntries(join(serviceDir, "src")).map((path) => ({ in: path, out: basename(path, ".ts") })),
    ],
    outdir: outDir,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20.19",
    sourcemap: true,
    minifyWhitespace: true,
    minifySyntax: true,
    external: ["@libsql/client", "libsql"],
    plugins: [zodEnglishOnly],
    banner: { js: BANNER },
    logLevel: "warning",
  });
  return outfile;
}

/** The worker-thread modules under `dir`: files named `*-worker.ts`. */
function workerEntries(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((path) => path.endsWith("-worker.ts"))
    .map((path) => join(dir, path));
}

const testBundles = new Map<string, Promise<string>>();

/**
 * The service as the tests run it: the same bundle as production, built once per test process
 * into its own folder beside the service's `drizzle/` (so `../drizzle` resolves as from `dist/`,
 * and two test runs side by side never replace a bundle the other is running), removed at exit.
 * Spawning it skips transpiling the service and its packages at every start, which tsx did for
 * each of the dozens of stacks a test run starts.
 */
export function testBundle(serviceDir: string): Promise<string> {
  const owner = process.env[SHARED_BUNDLES];
  if (owner) {
    const shared = join(serviceDir, `dist-test-${owner}`, "main.js");
    if (existsSync(shared)) return Promise.resolve(shared);
  }
  let bundle = testBundles.get(serviceDir);
  if (!bundle) {
    removeStaleTestBundles(serviceDir);
    const outDir = join(serviceDir, `dist-test-${process.pid}`);
    bundle = buildService(serviceDir, outDir);
    testBundles.set(serviceDir, bundle);
    process.once("exit", () => rmSync(outDir, { recursive: true, force: true }));
  }
  return bundle;
}

/** Set by `shareTestBundles` (a vitest globalSetup) to the pid whose bundles every worker uses. */
const SHARED_BUNDLES = "RELAIS_TEST_BUNDLES_OF";

/**
 * A vitest globalSetup's body: bundles the given services once for the whole run, in the main
 * vitest process, and tells the workers (which inherit its environment) to use them. vitest runs
 * each test file in a fresh worker, so without it every file bundled the five or six services
 * again (seconds of CPU per file on a busy two-core machine). Returns the teardown.
 */
export async function shareTestBundles(serviceDirs: string[]): Promise<() => void> {
  const outDirs = serviceDirs.map((dir) => join(dir, `dist-test-${process.pid}`));
  await Promise.all(
    serviceDirs.map((dir, i) => {
      removeStaleTestBundles(dir);
      return buildService(dir, outDirs[i]);
    }),
  );
  process.env[SHARED_BUNDLES] = String(process.pid);
  return () => {
    for (const dir of outDirs) rmSync(dir, { recursive: true, force: true });
  };
}

/** vitest ends its workers without an exit event, so bundles of processes that are gone are swept. */
function removeStaleTestBundles(serviceDir: string) {
  for (const entry of readdirSync(serviceDir)) {
    const pid = Number(/^dist-test-(\d+)$/.exec(entry)?.[1]);
    if (!pid || pid === process.pid || isAlive(pid)) continue;
    rmSync(join(serviceDir, entry), { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  await buildService(process.cwd());
}
