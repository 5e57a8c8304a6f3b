// The session cookie: httpOnly, SameSite=Strict, Secure outside localhost (then `__Host-`, which
// the browser only accepts Secure, host-only and on Path=/).
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";

export interface CookiePolicy {
  secure: boolean;
}

export function cookiePolicy(publicUrl: string): CookiePolicy {
  return { secure: new URL(publicUrl).protocol === "https:" };
}

const nameOf = (policy: CookiePolicy) => (policy.secure ? "__Host-relais_session" : "relais_session");

export function readSessionCookie(c: Context, policy: CookiePolicy): string | undefined {
  return getCookie(c, nameOf(policy));
}

export function writeSessionCookie(c: Context, policy: CookiePolicy, id: string): void {
  setCookie(c, nameOf(policy), id, {
    httpOnly: true,
    sameSite: "Strict",
    secure: policy.secure,
    path: "/",
  });
}

export function clearSessionCookie(c: Context, policy: CookiePolicy): void {
  deleteCookie(c, nameOf(policy), { path: "/", secure: policy.secure, httpOnly: true, sameSite: "Strict" });
}
