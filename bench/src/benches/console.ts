// The console's initial JavaScript: what a browser must fetch before the first screen, i.e. the
// module scripts and module preloads that the built index.html names, and the message catalogue
// of one language (the largest: fetched at start, `assets/catalogue-<language>-*.js`), gzipped as
// they travel.
// `pnpm bench` builds every service first, the console's web app included.
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { type Bench, measured, notMeasured } from "../lib/figures.js";

const GOAL_KB = 200;

export const consoleBench: Bench = {
  name: "console",
  async run(context) {
    const dist = join(context.root, "services/console/web/dist");
    const index = join(dist, "index.html");
    const label = "console initial JS (gzip)";
    if (!existsSync(index))
      return {
        name: "console",
        figures: [
          notMeasured("console.initialJsKb", label, "kB", `${index} is missing: the build did not run`),
        ],
      };
    const html = await readFile(index, "utf8");
    const scripts = [
      ...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g),
      ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g),
    ].map((match) => match[1]!);
    let raw = 0;
    let gzipped = 0;
    const files: Array<{ file: string; kb: number; gzipKb: number }> = [];
    for (const src of scripts) {
      const bytes = await readFile(join(dist, src.replace(/^\//, "")));
      const zipped = gzipSync(bytes).length;
      raw += bytes.length;
      gzipped += zipped;
      files.push({ file: src, kb: kb(bytes.length), gzipKb: kb(zipped) });
    }
    // The catalogue chunks by language; the first screen waits for one language's, the largest counts.
    const byLanguage = new Map<string, { raw: number; gzipped: number; files: string[] }>();
    for (const name of await readdir(join(dist, "assets"))) {
      const language = /^catalogue-([a-z]{2})-.*\.js$/.exec(name)?.[1];
      if (!language) continue;
      const bytes = await readFile(join(dist, "assets", name));
      const entry = byLanguage.get(language) ?? { raw: 0, gzipped: 0, files: [] };
      entry.raw += bytes.length;
      entry.gzipped += gzipSync(bytes).length;
      entry.files.push(`/assets/${name}`);
      byLanguage.set(language, entry);
    }
    const [catalogueLanguage, catalogue] =
      [...byLanguage].sort((a, b) => b[1].gzipped - a[1].gzipped)[0] ?? [];
    if (catalogue) {
      raw += catalogue.raw;
      gzipped += catalogue.gzipped;
      files.push({ file: catalogue.files.join(" "), kb: kb(catalogue.raw), gzipKb: kb(catalogue.gzipped) });
    }
    context.log(
      `  console: ${scripts.length} initial scripts${catalogue ? ` and the ${catalogueLanguage} catalogue (${kb(catalogue.gzipped)} kB)` : ""}, ${kb(gzipped)} kB gzipped (${kb(raw)} kB raw)`,
    );
    const figure = measured({
      key: "console.initialJsKb",
      label,
      unit: "kB",
      value: kb(gzipped),
      goal: `≤ ${GOAL_KB} kB`,
    });
    return {
      name: "console",
      figures: [{ ...figure, met: figure.value !== null && figure.value <= GOAL_KB }],
      details: { files, rawKb: kb(raw) },
    };
  },
};

function kb(bytes: number): number {
  return Math.round((bytes / 1024) * 10) / 10;
}
