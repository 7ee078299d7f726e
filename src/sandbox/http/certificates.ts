/** A throwaway certificate authority and a loopback server certificate signed by it (P-256 ECDSA). */
import "./_reflect_metadata.ts";
import * as x509 from "@peculiar/x509";

/** PEM documents of a generated CA and of the server certificate it signed. */
export interface SandboxCertificates {
  /** The self-signed CA certificate: what clients trust. */
  caPem: string;
  /** The server certificate (SANs: the loopback names and addresses). */
  certPem: string;
  /** The server's private key, PKCS#8 PEM. */
  keyPem: string;
}

/** Options of {@linkcode generateCertificates}. */
export interface GenerateCertificatesOptions {
  /** Extra host names or IP addresses for the server certificate's SANs. */
  hosts?: readonly string[];
  /** Validity start in ms since the epoch (backdated by one hour); defaults to the wall clock. */
  now?: number;
  /** Validity in days. @default {365} */
  days?: number;
}

const ALGORITHM = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" } as const;
const HOUR = 3_600_000;

function isIpAddress(host: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.includes(":");
}

function sanOf(hosts: readonly string[]): x509.SubjectAlternativeNameExtension {
  const all = [...new Set(["127.0.0.1", "::1", "localhost", ...hosts])];
  return new x509.SubjectAlternativeNameExtension(
    all.map((h) => ({ type: isIpAddress(h) ? "ip" as const : "dns" as const, value: h })),
  );
}

function randomSerial(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[0] = (bytes[0] ?? 0) & 0x7f | 0x10;
  return [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
}

async function generateKeys(): Promise<CryptoKeyPair> {
  return await crypto.subtle.generateKey(ALGORITHM, true, ["sign", "verify"]);
}

/**
 * Generates a CA (self-signed) and a server certificate it signed, valid for
 * `127.0.0.1`, `::1` and `localhost` (plus `hosts`) with the serverAuth usage.
 *
 * @example Generate and inspect
 * ```ts
 * import { generateCertificates } from "./certificates.ts";
 * import { ok } from "node:assert/strict";
 * const certs = await generateCertificates();
 * ok(certs.caPem.startsWith("-----BEGIN CERTIFICATE-----"));
 * ok(certs.keyPem.startsWith("-----BEGIN PRIVATE KEY-----"));
 * ```
 */
export async function generateCertificates(
  options: GenerateCertificatesOptions = {},
): Promise<SandboxCertificates> {
  const notBefore = new Date((options.now ?? Date.now()) - HOUR);
  const notAfter = new Date(notBefore.getTime() + (options.days ?? 365) * 24 * HOUR);
  const caKeys = await generateKeys();
  const ca = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerial(),
    name: "CN=nopea-sandbox-ca",
    notBefore,
    notAfter,
    signingAlgorithm: ALGORITHM,
    keys: caKeys,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign |
          x509.KeyUsageFlags.digitalSignature,
        true,
      ),
      await x509.SubjectKeyIdentifierExtension.create(caKeys.publicKey),
    ],
  });
  const serverKeys = await generateKeys();
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerial(),
    subject: "CN=nopea-sandbox",
    issuer: ca.subject,
    notBefore,
    notAfter,
    signingAlgorithm: ALGORITHM,
    publicKey: serverKeys.publicKey,
    signingKey: caKeys.privateKey,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      sanOf(options.hosts ?? []),
      await x509.AuthorityKeyIdentifierExtension.create(caKeys.publicKey),
      await x509.SubjectKeyIdentifierExtension.create(serverKeys.publicKey),
    ],
  });
  const pkcs8 = await crypto.subtle.exportKey("pkcs8", serverKeys.privateKey);
  return {
    caPem: ca.toString("pem") + "\n",
    certPem: cert.toString("pem") + "\n",
    keyPem: x509.PemConverter.encode(pkcs8, "PRIVATE KEY") + "\n",
  };
}
