// Issues the self-signed certificate and key that EMR's in-transit encryption reads from a PEM
// zip (privateKey.pem, certificateChain.pem, trustedCertificates.pem). The RSA key comes from
// Node's crypto (native); node-forge builds and signs the X.509 certificate. The certificate is
// its own trust anchor: it encrypts traffic between the cluster's nodes, it proves no identity
// to anyone outside them.
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { strToU8, zipSync } from 'fflate';
import forge from 'node-forge';

export interface IssuedBundle {
  /** The zip EMR expects, file names exactly as its documentation lists them. */
  zip: Uint8Array;
  /** SHA-256 of the certificate's DER encoding (public, safe to log). */
  certificateSha256: string;
  notAfter: Date;
}

/** The wildcard EMR nodes' private DNS names fall under: us-east-1 is the one exception. */
export function internalDnsWildcard(region: string): string {
  if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(region)) throw new Error(`not an AWS region name: ${JSON.stringify(region)}`);
  return region === 'us-east-1' ? '*.ec2.internal' : `*.${region}.compute.internal`;
}

export function issueBundle(dnsName: string, validityDays: number, now: Date = new Date()): IssuedBundle {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = forge.pki.publicKeyFromPem(publicKey);
  // 16 random bytes with the top bit cleared: a positive serial, unique per issue.
  const serial = randomBytes(16);
  serial[0] = serial[0]! & 0x7f;
  certificate.serialNumber = serial.toString('hex');
  // A few minutes back, for clocks of nodes slightly behind the Lambda's.
  certificate.validity.notBefore = new Date(now.getTime() - 5 * 60_000);
  certificate.validity.notAfter = new Date(now.getTime() + validityDays * 86_400_000);
  const name = [
    { shortName: 'CN', value: dnsName },
    { shortName: 'O', value: 'lakedeck EMR in-transit encryption' },
  ];
  certificate.setSubject(name);
  certificate.setIssuer(name);
  certificate.setExtensions([
    // Self-signed and listed in trustedCertificates.pem: it is its own CA (as `openssl req -x509` makes it).
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, keyCertSign: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true, clientAuth: true },
    { name: 'subjectAltName', altNames: [{ type: 2, value: dnsName }] },
    { name: 'subjectKeyIdentifier' },
  ]);
  certificate.sign(forge.pki.privateKeyFromPem(privateKey), forge.md.sha256.create());
  const certificatePem = forge.pki.certificateToPem(certificate);
  const der = Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(certificate)).getBytes(), 'binary');
  const zip = zipSync({
    'privateKey.pem': strToU8(privateKey),
    'certificateChain.pem': strToU8(certificatePem),
    'trustedCertificates.pem': strToU8(certificatePem),
  });
  return { zip, certificateSha256: createHash('sha256').update(der).digest('hex'), notAfter: certificate.validity.notAfter };
}
