/**
 * The identity stand-in's signing key (RS256, generated per run, never written to disk) and JWT helpers shared with
 * the Graph stand-in, which verifies access tokens against the same published JWKS.
 */
import { createHash, randomBytes } from "node:crypto";
import { SignJWT, createLocalJWKSet, errors as joseErrors, exportJWK, generateKeyPair, jwtVerify, type JWK, type JWTPayload } from "jose";
import { GRAPH_AUDIENCE, GRAPH_RESOURCE_ID, ISSUER } from "./constants";

export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  /** The public half as published at /discovery/v2.0/keys. */
  jwks: { keys: JWK[] };
}

export async function createSigningKey(): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
  const jwk = await exportJWK(publicKey);
  // Entra's key ids look like x5t thumbprints; any stable unique string works for MSAL and jose.
  const kid = base64url(createHash("sha256").update(JSON.stringify(jwk)).digest()).slice(0, 27);
  return {
    kid,
    privateKey: privateKey as CryptoKey,
    jwks: { keys: [{ ...jwk, kid, use: "sig", alg: "RS256", x5t: kid, issuer: ISSUER } as JWK] },
  };
}

export async function signJwt(key: SigningKey, claims: JWTPayload): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: "RS256", typ: "JWT", kid: key.kid, x5t: key.kid } as never).sign(key.privateKey);
}

export function base64url(data: Buffer | string): string {
  return Buffer.from(data).toString("base64url");
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}

/** PKCE S256: BASE64URL(SHA256(ASCII(code_verifier))). */
export function pkceChallenge(verifier: string): string {
  return base64url(createHash("sha256").update(verifier, "ascii").digest());
}

export interface AccessTokenCheck {
  ok: true;
  claims: JWTPayload & { oid?: string; scp?: string; tid?: string };
}
export interface AccessTokenFailure {
  ok: false;
  /** Graph-style message for the 401 body. */
  message: string;
}

/** Verify a Graph access token the way Graph's front door does: signature, issuer, audience, lifetime. */
export async function verifyAccessToken(
  jwks: { keys: JWK[] },
  token: string,
  issuer = ISSUER,
): Promise<AccessTokenCheck | AccessTokenFailure> {
  try {
    const { payload } = await jwtVerify(token, createLocalJWKSet(jwks), {
      issuer,
      audience: [GRAPH_AUDIENCE, GRAPH_RESOURCE_ID],
      algorithms: ["RS256"],
      requiredClaims: ["exp", "oid", "tid"],
    });
    return { ok: true, claims: payload as AccessTokenCheck["claims"] };
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) return { ok: false, message: "Lifetime validation failed, the token is expired." };
    if (error instanceof joseErrors.JWTClaimValidationFailed) {
      if (error.claim === "aud") return { ok: false, message: "Access token validation failure. Invalid audience." };
      if (error.claim === "iss") return { ok: false, message: "Access token validation failure. Invalid issuer." };
      if (error.claim === "nbf") return { ok: false, message: "Lifetime validation failed, the token is not yet valid." };
      return { ok: false, message: `Access token validation failure. Missing or invalid claim '${error.claim}'.` };
    }
    if (error instanceof joseErrors.JWSSignatureVerificationFailed || error instanceof joseErrors.JWKSNoMatchingKey)
      return { ok: false, message: "Access token validation failure. Signature verification failed." };
    return { ok: false, message: "IDX14100: JWT is not well formed, there are no dots (.)." };
  }
}
