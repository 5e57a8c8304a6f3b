// Bearer JWT authentication and role checks. Tokens carry `sub`, `org` and `roles`.
import { ROLES, type Role } from "@relais/contracts";
import type { Context, MiddlewareHandler } from "hono";
import {
  createRemoteJWKSet,
  decodeJwt,
  decodeProtectedHeader,
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

/**
 * Remembers the tokens `verifier` accepted, so a caller presenting the same token again (a
 * police records system files every referral with one) costs a map lookup instead of a
 * signature check: measured at ~5 % of an intake's CPU. A remembered token is trusted until the
 * first of its `exp` (no clock-skew allowance here: past it, the verifier decides again, and
 * refuses) and `ttlMs` after it was verified, so a key withdrawn from the JWKS stops being
 * trusted within that time. Refused tokens are never remembered.
 */
export function rememberVerified(
  verifier: TokenVerifier,
  options: { ttlMs?: number; max?: number; now?: () => number } = {},
): TokenVerifier {
  const ttlMs = options.ttlMs ?? 60_000;
  const max = options.max ?? 1_000;
  const now = options.now ?? Date.now;
  const remembered = new Map<string, { principal: Principal; until: number }>();
  return async (token) => {
    const hit = remembered.get(token);
    if (hit && now() < hit.until) return copyOf(hit.principal);
    if (hit) remembered.delete(token);
    const principal = await verifier(token);
    const exp = expiryOf(token);
    if (exp !== undefined) {
      if (remembered.size >= max) remembered.delete(remembered.keys().next().value!);
      remembered.set(token, { principal: copyOf(principal), until: Math.min(exp, now() + ttlMs) });
    }
    return principal;
  };
}

/**
 * A principal no caller can change the remembered one through. `structuredClone` did the same at
 * ~1 % of an intake's CPU: a principal is flat but for its roles.
 */
function copyOf(principal: Principal): Principal {
  return { ...principal, roles: [...principal.roles] };
}

/** `exp` in epoch ms of a token the verifier has just accepted (so its payload is the issuer's). */
function expiryOf(token: string): number | undefined {
  try {
    const { exp } = decodeJwt(token);
    return typeof exp === "number" ? exp * 1_000 : undefined;
  } catch {
    return undefined;
  }
}

/** Sends HS256 tokens to `hs256` and every other algorithm to `asymmetric`, never both. */
export function eitherVerifier(verifiers: {
  hs256: TokenVerifier;
  asymmetric: TokenVerifier;
}): TokenVerifier {
  return async (token) => {
    let alg: unknown;
    try {
      alg = decodeProtectedHeader(token).alg;
    } catch {
      throw new Unauthorized("Invalid token");
    }
    return alg === "HS256" ? verifiers.hs256(token) : verifiers.asymmetric(token);
  };
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
    // jose checks claims only after the signature, so these payloads are the issuer's own.
    if (error instanceof joseErrors.JWTExpired) throw new TokenRefused("Token expired", error.payload);
    if (error instanceof joseErrors.JWTClaimValidationFailed && error.claim === "exp")
      throw new TokenRefused("Token has no expiry (exp)", error.payload);
    if (error instanceof joseErrors.JWTClaimValidationFailed && error.claim === "nbf")
      throw new TokenRefused("Token not valid yet (nbf)", error.payload);
    throw new Unauthorized("Invalid token");
  }
  checkLifetime(payload, checks);
  return principalFromClaims(payload);
}

/**
 * A token whose signature holds but which is refused for its claims (expired, too long-lived,
 * issued in the future): its subject and organisation are known, so the attempt can go into
 * that organisation's audit trail. A forged token's claims are never trusted this way.
 */
export class TokenRefused extends Unauthorized {
  constructor(
    detail: string,
    readonly claims: JWTPayload,
  ) {
    super(detail);
  }
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
  if (typeof exp !== "number") throw new TokenRefused("Token has no expiry (exp)", payload);
  if (iat !== undefined && (typeof iat !== "number" || iat > now + skew))
    throw new TokenRefused("Token issued in the future (iat)", payload);
  if (exp - Math.min(iat ?? now, now) > max)
    throw new TokenRefused(`Token lifetime exceeds ${max} seconds`, payload);
}

const KNOWN_ROLES = new Set<string>(ROLES);

export function principalFromClaims(payload: JWTPayload): Principal {
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
    // `c.get`, not `c.var`: Hono builds `c.var` afresh from all the variables at every read.
    const principal = await c.get("verifyToken")(token);
    // Set before the role check, so a refusal is recorded under the caller who was refused.
    c.set("principal", principal);
    if (!principal.roles.some((role) => roles.includes(role))) {
      throw new Forbidden(`Requires one of the roles: ${roles.join(", ")}`);
    }
    await next();
  };
}

/** The authenticated caller; only valid behind `requireRoles`. */
export function principalOf(c: Context<AppEnv>): Principal {
  const principal = c.get("principal") as Principal | undefined;
  if (!principal) throw new Error("principalOf called on a route without requireRoles");
  return principal;
}
