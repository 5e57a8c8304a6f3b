// /docs loads nothing from another origin: the page, its assets and its CSP.
import { describe, expect, it } from "vitest";
import { useWidgetsApp } from "../test/widgets-app.js";

const kit = useWidgetsApp();

describe("/docs", () => {
  it("references only same-origin assets, under a CSP that allows no other origin", async () => {
    const page = await kit.app.request("/docs");
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await page.text();
    const refs = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.sort()).toEqual([
      "/docs/assets/init.js",
      "/docs/assets/swagger-ui-bundle.js",
      "/docs/assets/swagger-ui.css",
    ]);
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/<script>(?!<\/script>)/); // no inline script

    const csp = page.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    // No origin but 'self' (and data: images) anywhere in the policy.
    expect(csp).not.toMatch(/https?:|\*/);
  });

  it("serves each asset with its content type", async () => {
    const expected: Record<string, RegExp> = {
      "/docs/assets/swagger-ui.css": /^text\/css/,
      "/docs/assets/swagger-ui-bundle.js": /^text\/javascript/,
      "/docs/assets/init.js": /^text\/javascript/,
    };
    for (const [path, type] of Object.entries(expected)) {
      const asset = await kit.app.request(path);
      expect(asset.status, path).toBe(200);
      expect(asset.headers.get("content-type"), path).toMatch(type);
      expect(asset.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect((await asset.text()).length, path).toBeGreaterThan(100);
    }
    expect(await (await kit.app.request("/docs/assets/init.js")).text()).toContain('url: "/openapi.json"');
    expect(await (await kit.app.request("/docs/assets/init.js")).text()).toContain("validatorUrl: null");
  });

  it("serves nothing else from the package", async () => {
    for (const path of [
      "/docs/assets/index.html",
      "/docs/assets/..%2Fpackage.json",
      "/docs/assets/oauth2-redirect.html",
    ]) {
      expect((await kit.app.request(path)).status, path).toBe(404);
    }
  });
});
