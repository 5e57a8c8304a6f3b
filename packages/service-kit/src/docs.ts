// `/docs`: Swagger UI served from the installed `swagger-ui-dist`, never from a CDN. The page
// sits next to personal data, so it loads no third-party code and its CSP allows no other origin.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "./app.js";

/** No origin but our own; inline styles only because Swagger UI sets `style` attributes. */
export const DOCS_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

const ASSETS: Record<string, { file: string; type: string }> = {
  "swagger-ui.css": { file: "swagger-ui.css", type: "text/css; charset=utf-8" },
  "swagger-ui-bundle.js": { file: "swagger-ui-bundle.js", type: "text/javascript; charset=utf-8" },
};

const distDir = dirname(createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"));
const cache = new Map<string, Promise<string>>();

function asset(file: string): Promise<string> {
  let text = cache.get(file);
  if (!text) {
    // Strip the source-map comment: the map is not served, and devtools would only ask for it.
    text = readFile(join(distDir, file), "utf8").then((t) =>
      t.replace(/\n\/\/# sourceMappingURL=\S+\s*$/, "\n"),
    );
    cache.set(file, text);
  }
  return text;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

// The initialiser is a file of its own, so the CSP needs no 'unsafe-inline' for scripts.
// `validatorUrl: null` keeps Swagger UI from sending the document to an online validator.
const INIT = `window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", validatorUrl: null });
});
`;

export function mountDocs(app: OpenAPIHono<AppEnv>, title: string): void {
  const page = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/docs/assets/init.js"></script>
</body>
</html>
`;
  app.get("/docs", (c) =>
    c.html(page, 200, { "Content-Security-Policy": DOCS_CSP, "Referrer-Policy": "no-referrer" }),
  );
  app.get("/docs/assets/init.js", (c) =>
    c.body(INIT, 200, { "Content-Type": "text/javascript; charset=utf-8", "Cache-Control": "no-cache" }),
  );
  app.get("/docs/assets/:file", async (c) => {
    const known = ASSETS[c.req.param("file")];
    if (!known) return c.notFound();
    return c.body(await asset(known.file), 200, {
      "Content-Type": known.type,
      "Cache-Control": "public, max-age=3600",
    });
  });
}
