/**
 * The stand-ins' TLS certificate: self-signed for localhost, generated on first use into e2e/.certs/ (gitignored).
 * Reused while valid so a developer who chose to trust it locally does not have to re-trust it on every run.
 */
import { X509Certificate } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import selfsigned from "selfsigned";

export const CERT_DIR = join(import.meta.dirname, "..", ".certs");
const KEY_FILE = join(CERT_DIR, "localhost-key.pem");
const CERT_FILE = join(CERT_DIR, "localhost-cert.pem");

export interface TlsMaterial {
  key: string;
  cert: string;
}

const ONE_DAY_MS = 24 * 3600 * 1000;

function stillUsable(cert: string): boolean {
  try {
    const x509 = new X509Certificate(cert);
    return (
      Date.parse(x509.validTo) - Date.now() > 7 * ONE_DAY_MS &&
      x509.checkHost("localhost") === "localhost" &&
      x509.checkIP("127.0.0.1") === "127.0.0.1"
    );
  } catch {
    return false;
  }
}

export async function ensureCertificate(): Promise<TlsMaterial> {
  if (existsSync(KEY_FILE) && existsSync(CERT_FILE)) {
    const existing = { key: readFileSync(KEY_FILE, "utf8"), cert: readFileSync(CERT_FILE, "utf8") };
    if (stillUsable(existing.cert)) return existing;
  }
  const notBeforeDate = new Date(Date.now() - ONE_DAY_MS);
  const notAfterDate = new Date(Date.now() + 90 * ONE_DAY_MS);
  const pems = await selfsigned.generate([{ name: "commonName", value: "localhost" }], {
    keySize: 2048,
    algorithm: "sha256",
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: "basicConstraints", cA: false, critical: true },
      { name: "keyUsage", digitalSignature: true, keyEncipherment: true, critical: true },
      { name: "extKeyUsage", serverAuth: true },
      {
        name: "subjectAltName",
        altNames: [
          { type: 2, value: "localhost" },
          { type: 7, ip: "127.0.0.1" },
          { type: 7, ip: "::1" },
        ],
      },
    ],
  });
  mkdirSync(CERT_DIR, { recursive: true });
  writeFileSync(KEY_FILE, pems.private, { mode: 0o600 });
  writeFileSync(CERT_FILE, pems.cert);
  return { key: pems.private, cert: pems.cert };
}
