// Bundles a service's src/main.ts and the workspace packages it imports (which ship TypeScript
// source) into dist/main.js, so production, `pnpm start` and the bench run plain `node` with no
// TypeScript loader in memory and nothing to transpile at start. `pnpm build` in a service runs
// it on that service; `pnpm start` runs it on each service before starting them.
// esbuild, not tsc: tsc would emit the service alone and leave @relais/* imports pointing at .ts
// files Node cannot run; esbuild bundles them in one pass of well under a second, and is already
// what tsx runs on. @libsql/client stays external: it loads a native addon at run time.
// Whitespace and syntax are minified (identifiers are kept, so stack traces still name functions):
// V8 holds a bundle's source in memory, and a third less of it measured ~4 MiB less idle RSS.
import { rm } from "node:fs/promises";
import { join, resolve } from "node:path";
import { build } from "esbuild";

export async function buildService(serviceDir: string): Promise<string> {
  const outfile = join(serviceDir, "dist/main.js");
  await rm(join(serviceDir, "dist"), { recursive: true, force: true });
  await build({
    entryPoints: [join(serviceDir, "src/main.ts")],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20.19",
    sourcemap: true,
    minifyWhitespace: true,
    minifySyntax: true,
    external: ["@libsql/client", "libsql"],
    // Bundled CommonJS packages call require(); an ES module has none unless it makes one.
    banner: {
      js: "import { createRequire as __relaisCreateRequire } from 'node:module'; const require = __relaisCreateRequire(import.meta.url);",
    },
    logLevel: "warning",
  });
  return outfile;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  await buildService(process.cwd());
}
