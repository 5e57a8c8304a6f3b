// Headers on every answer: nothing is cached (pages and API answers may show personal data on a
// shared screen), nothing is sniffed or framed, no referrer leaves the console.
import type { MiddlewareHandler } from "hono";

const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // React Aria positions overlays with style attributes.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join("; ");

export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const immutable = c.req.path.startsWith("/assets/") && c.res.status === 200;
    c.header("Cache-Control", immutable ? "public, max-age=31536000, immutable" : "no-store");
    if (!immutable) c.header("Pragma", "no-cache");
    c.header("X-Content-Type-Options", "nosniff");
    c.header("Referrer-Policy", "no-referrer");
    c.header("X-Frame-Options", "DENY");
    c.header("Cross-Origin-Opener-Policy", "same-origin");
    c.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    c.header("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
  };
}
