// Bearer JWT authentication and role checks. Tokens carry `sub`, `org` and `roles`.
import { ROLES, type Role } from "@relais/contracts";
import type { Context, MiddlewareHandler } from "hono";
import {
  createRemoteJWKSet,
  type JWTPayload,
  type JWTVerifyOptions,
  errors as joseErrors,
  jwtVerify,
  SignJWT,
} from "jose";
import type { AppEnv } from "./app.js";
import { Forbidden, Unauthorized } from "./errors.js";

export interface Principal {
  sub: string;
  org: string;
  roles: Role[];
}

/** Resolves a bearer token to its principal; throws `Unauthorized` for any token it will not accept. */
export type TokenVerifier = (token: string) => Promise<Principal>;

export interface ClaimChecks {
  issuer?: string;
  audience?: string;
  /** The longest a token may live, `exp - iat` (or `exp - now` without `iat`). Default 12 h. */
  maxLifetimeSeconds?: number;
  /** How far `iat` and `nbf` may lie in the future, and `exp` in the past. Default 60 s. */
  clockSkewSeconds?: number;
}

export const DEFAULT_MAX_TOKEN_LIFETIME_SECONDS = 12 * 3_600;
export const DEFAULT_CLOCK_SKEW_SECONDS = 60;

export function hs256Verifier(secret: string, checks: ClaimChecks = {}): TokenVerifier {
  const key = new TextEncoder().encode(secret);
  return (token) =>
    verifyWith(checks, () => jwtVerify(token, key, { ...verifyOptions(checks), algorithms: ["HS256"] }));
}

export function jwksVerifier(options: { url: string } & ClaimChecks): TokenVerifier {
  const jwks = createRemoteJWKSet(new URL(options.url));
  return (token) => verifyWith(options, () => jwtVerify(token, jwks, verifyOptions(options)));
}

function verifyOptions(checks: ClaimChecks): JWTVerifyOptions {
  return {
    ...(checks.issuer ? { issuer: checks.issuer } : {}),
    ...(checks.audience ? { audience: checks.audience } : {}),
    requiredClaims: ["exp"],
    clockTolerance: checks.clockSkewSeconds ?? DEFAULT_CLOCK_SKEW_SECONDS,
  };
}

async function verifyWith(
  checks: ClaimChecks,
  verify: () => Promise<{ payload: JWTPayload }>,
): Promise<Principal> {
  let payload: JWTPayload;
  try {
    ({ payload } = await verify());
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) throw new Unauthorized("Token expired");
    if (error instanceof joseErrors.JWTClaimValidationFailed && error.claim === "exp")
      throw new Unauthorized("Token has no expiry (exp)");
    if (error instanceof joseErrors.JWTClaimValidationFailed && error.claim === "nbf")
      throw new Unauthorized("Token not valid yet (nbf)");
    throw new Unauthorized("Invalid token");
  }
  checkLifetime(payload, checks);
  return principalFromClaims(payload);
}

/**
 * A token that never expires, or lives longer than a working day, outlives the job of the
 * person it was issued to; one issued "in the future" was minted to get around that.
 */
function checkLifetime(payload: JWTPayload, checks: ClaimChecks): void {
  const now = Math.floor(Date.now() / 1_000);
  const skew = checks.clockSkewSeconds ?? DEFAULT_CLOCK_SKEW_SECONDS;
  const max = checks.maxLifetimeSeconds ?? DEFAULT_MAX_TOKEN_LIFETIME_SECONDS;
  const { exp, iat } = payload;
  if (typeof exp !== "number") throw new Unauthorized("Token has no expiry (exp)");
  if (iat !== undefined && (typeof iat !== "number" || iat > now + skew))
    throw new Unauthorized("Token issued in the future (iat)");
  if (exp - Math.min(iat ?? now, now) > max) throw new Unauthorized(`Token lifetime exceeds ${max} seconds`);
}

const KNOWN_ROLES = new Set<string>(ROLES);

function principalFromClaims(payload: JWTPayload): Principal {
  const { sub, org, roles } = payload;
  if (typeof sub !== "string" || sub === "") throw new Unauthorized("Token has no subject");
  if (typeof org !== "string" || org === "") throw new Unauthorized("Token has no organisation");
  // Unknown roles are dropped so an issuer can add roles for other systems; a token left with
  // none would authorise nothing, so it is refused outright.
  const known = Array.isArray(roles) ? roles.filter((role): role is Role => KNOWN_ROLES.has(role)) : [];
  if (known.length === 0) throw new Unauthorized("Token has no Relais role");
  return { sub, org, roles: [...new Set(known)] };
}

export interface DevTokenOptions extends ClaimChecks {
  secret: string;
  sub: string;
  org: string;
  roles: readonly Role[];
  /** A jose time span (`'12h'`, `'5m'`) or an absolute epoch-seconds expiry. */
  expiresIn?: string | number;
  /** A police token's zone (referrals' `zone` claim). */
  zone?: string;
  /** A caseworker's call-back teams (referrals' `teams` claim). */
  teams?: readonly string[];
}

/** Signs an HS256 token for local development and tests. */
export async function signDevToken(options: DevTokenOptions): Promise<string> {
  let jwt = new SignJWT({
    org: options.org,
    roles: [...options.roles],
    ...(options.zone ? { zone: options.zone } : {}),
    ...(options.teams ? { teams: [...options.teams] } : {}),
  })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(options.sub)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? "12h");
  if (options.issuer) jwt = jwt.setIssuer(options.issuer);
  if (options.audience) jwt = jwt.setAudience(options.audience);
  return jwt.sign(new TextEncoder().encode(options.secret));
}

const BEARER = /^Bearer\s+([A-Za-z0-9\-_=]+\.[A-Za-z0-9\-_=]+\.?[A-Za-z0-9\-_.+/=]*)$/i;

/** Lets the caller through only with a valid bearer token holding at least one of `roles`. */
export function requireRoles(...roles: Role[]): MiddlewareHandler<AppEnv> {
  if (roles.length === 0) throw new Error("requireRoles needs at least one role");
  return async (c, next) => {
    const header = c.req.header("Authorization");
    if (!header) throw new Unauthorized();
    const token = BEARER.exec(header.trim())?.[1];
    if (!token) throw new Unauthorized("Expected a bearer token");
    const principal = await c.var.verifyToken(token);
    if (!principal.roles.some((role) => roles.includes(role))) {
      throw new Forbidden(`Requires one of the roles: ${roles.join(", ")}`);
    }
    c.set("principal", principal);
    await next();
  };
}

/** The authenticated caller; only valid behind `requireRoles`. */
export function principalOf(c: Context<AppEnv>): Principal {
  const principal = c.get("principal") as Principal | undefined;
  if (!principal) throw new Error("principalOf called on a route without requireRoles");
  return principal;
}
