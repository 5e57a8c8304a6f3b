// Serves the built web app: hashed assets as files, every other page as index.html (the router
// in the browser picks the screen).
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, sep } from "node:path";
import { Hono } from "hono";

const TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".json": "application/json",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
};

export function webAppRoutes(distDir: string) {
  const root = normalize(distDir);
  const app = new Hono();
  const indexHtml = async () => {
    try {
      return await readFile(join(root, "index.html"), "utf8");
    } catch {
      return undefined;
    }
  };
  app.get("/assets/*", async (c) => {
    const file = normalize(join(root, c.req.path));
    if (!file.startsWith(root + sep)) return c.notFound();
    try {
      if (!(await stat(file)).isFile()) return c.notFound();
      const body = await readFile(file);
      return c.body(body, 200, { "Content-Type": TYPES[extname(file)] ?? "application/octet-stream" });
    } catch {
      return c.notFound();
    }
  });
  app.get("*", async (c, next) => {
    const path = c.req.path;
    if (path.startsWith("/api/") || path.startsWith("/auth/") || path.startsWith("/.well-known/"))
      return next();
    if (extname(path) !== "") return next();
    const html = await indexHtml();
    if (!html) {
      return c.text("The web app is not built: run `pnpm --filter @relais/console build`", 503);
    }
    return c.html(html);
  });
  return app;
}
