import "../../../src/sandbox/http/_reflect_metadata.ts";
import { deepEqual, equal, ok } from "node:assert/strict";
import * as x509 from "@peculiar/x509";
import { generateCertificates } from "../../../src/sandbox/http/mod.ts";

Deno.test("generateCertificates() signs a loopback serverAuth certificate with a P-256 CA", async () => {
  const now = Date.parse("2026-01-01T00:00:00Z");
  const certs = await generateCertificates({ hosts: ["sandbox.local"], now, days: 10 });
  const ca = new x509.X509Certificate(certs.caPem);
  const cert = new x509.X509Certificate(certs.certPem);
  equal(ca.subject, "CN=nopea-sandbox-ca");
  equal(cert.issuer, ca.subject);
  ok(await ca.verify({ signatureOnly: true }));
  ok(await cert.verify({ publicKey: ca.publicKey, signatureOnly: true }));
  equal(cert.notBefore.getTime(), now - 3_600_000);
  equal(cert.notAfter.getTime() - cert.notBefore.getTime(), 10 * 86_400_000);
  ok(ca.getExtension(x509.BasicConstraintsExtension)?.ca);
  equal(cert.getExtension(x509.BasicConstraintsExtension)?.ca, false);
  deepEqual(cert.getExtension(x509.ExtendedKeyUsageExtension)?.usages, ["1.3.6.1.5.5.7.3.1"]);
  const san = cert.getExtension(x509.SubjectAlternativeNameExtension)?.names.toJSON();
  deepEqual(san, [
    { type: "ip", value: "127.0.0.1" },
    { type: "ip", value: "::1" },
    { type: "dns", value: "localhost" },
    { type: "dns", value: "sandbox.local" },
  ]);
  equal((cert.publicKey.algorithm as EcKeyAlgorithm).namedCurve, "P-256");
  ok(certs.keyPem.startsWith("-----BEGIN PRIVATE KEY-----"));
});
