// The console's own key pair: it signs short-lived service tokens for the signed-in user and
// publishes the public half as a JWKS the services trust (their JWKS_URL).
import {
  type CryptoKey,
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JWK,
  SignJWT,
} from "jose";
import type { ConsoleUser } from "../auth/user.js";

export interface TokenMinter {
  mint(user: ConsoleUser): Promise<string>;
  jwks(): { keys: JWK[] };
}

const ALG = "ES256";

export async function createTokenMinter(options: {
  issuer: string;
  lifetimeMinutes: number;
  /** A private JWK as JSON; a new key when absent. */
  privateJwk?: string;
  now?: () => Date;
}): Promise<TokenMinter> {
  const now = options.now ?? (() => new Date());
  let privateKey: CryptoKey;
  let publicJwk: JWK;
  if (options.privateJwk) {
    const jwk = JSON.parse(options.privateJwk) as JWK;
    privateKey = (await importJWK(jwk, ALG)) as CryptoKey;
    const { d: _private, ...pub } = jwk;
    publicJwk = pub;
  } else {
    const pair = await generateKeyPair(ALG, { extractable: true });
    privateKey = pair.privateKey;
    publicJwk = await exportJWK(pair.publicKey);
  }
  const kid = publicJwk.kid ?? (await calculateJwkThumbprint(publicJwk));
  const published: JWK = { ...publicJwk, kid, alg: ALG, use: "sig" };
  return {
    async mint(user) {
      const issuedAt = Math.floor(now().getTime() / 1000);
      return new SignJWT({
        org: user.org,
        roles: user.roles,
        ...(user.teams.length > 0 ? { teams: user.teams } : {}),
        ...(user.zone ? { zone: user.zone } : {}),
      })
        .setProtectedHeader({ alg: ALG, kid, typ: "JWT" })
        .setSubject(user.sub)
        .setIssuer(options.issuer)
        .setIssuedAt(issuedAt)
        .setExpirationTime(issuedAt + options.lifetimeMinutes * 60)
        .sign(privateKey);
    },
    jwks: () => ({ keys: [published] }),
  };
}

/** A fresh private key as JSON, for `CONSOLE_SIGNING_KEY` (the local stack keeps one in .data). */
export async function newSigningKey(): Promise<string> {
  const pair = await generateKeyPair(ALG, { extractable: true });
  const jwk = await exportJWK(pair.privateKey);
  return JSON.stringify({ ...jwk, kid: await calculateJwkThumbprint(jwk), alg: ALG });
}
