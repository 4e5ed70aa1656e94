// TLS to the relational source, with libpq's sslmode words: `disable`, `require` (encrypted, the
// server not checked), `verify-ca` (its certificate chains to a trusted CA) and `verify-full`
// (that, and the certificate names the host). RDS signs with its own CA, which is not in Node's
// store: on Lambda NODE_EXTRA_CA_CERTS=/var/runtime/ca-cert.pem adds it (that bundle includes
// the RDS CAs); elsewhere PGSSLROOTCERT names the RDS bundle (global-bundle.pem). A failed check
// becomes a message that says which of these to do, never a silent downgrade.
import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import { LakeError } from '../../core/errors.js';

export const SSL_MODES = ['disable', 'require', 'verify-ca', 'verify-full'] as const;
export type SslMode = (typeof SSL_MODES)[number];

/** libpq also accepts `allow` and `prefer`; both try TLS without checking, like `require` here. */
export function parseSslMode(value: string | undefined, where: string): SslMode | undefined {
  if (value === undefined || value === '') return undefined;
  if (value === 'allow' || value === 'prefer') return 'require';
  if ((SSL_MODES as readonly string[]).includes(value)) return value as SslMode;
  throw new LakeError('config', `${where}: sslmode "${value}" is not one of ${SSL_MODES.join(', ')}`);
}

/** What `pg` gets as its `ssl` option. `rootCertFile` (PGSSLROOTCERT) replaces the default CAs. */
export function tlsOptions(mode: SslMode, rootCertFile?: string): false | ConnectionOptions {
  if (mode === 'disable') return false;
  if (mode === 'require') return { rejectUnauthorized: false };
  let ca: string | undefined;
  if (rootCertFile) {
    try {
      ca = readFileSync(rootCertFile, 'utf8');
    } catch (error) {
      throw new LakeError('config', `PGSSLROOTCERT ${rootCertFile} cannot be read: ${(error as Error).message}`, { cause: error });
    }
  }
  const options: ConnectionOptions = { rejectUnauthorized: true, ...(ca ? { ca } : {}) };
  // verify-ca: the chain is checked, the name is not (libpq's meaning).
  if (mode === 'verify-ca') options.checkServerIdentity = () => undefined;
  return options;
}

const UNTRUSTED = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
]);

/** A LakeError saying how to fix a failed certificate check, or undefined for other errors. */
export function explainTlsFailure(error: unknown, where: string, mode: SslMode): LakeError | undefined {
  const code = (error as { code?: string } | undefined)?.code;
  if (!code) return undefined;
  if (UNTRUSTED.has(code)) {
    return new LakeError(
      'config',
      `TLS to ${where} refused (${code}, sslmode ${mode}): the server's certificate is not signed by a CA this process trusts. ` +
        'For RDS: on Lambda set NODE_EXTRA_CA_CERTS=/var/runtime/ca-cert.pem; elsewhere download the RDS CA bundle ' +
        '(global-bundle.pem) and set PGSSLROOTCERT to its path. PGSSLMODE=require encrypts without checking the server.',
      { cause: error },
    );
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return new LakeError(
      'config',
      `TLS to ${where} refused (${code}, sslmode ${mode}): the certificate does not name this host. ` +
        'Connect with the endpoint name the certificate carries (the RDS endpoint, not an IP or alias), or use PGSSLMODE=verify-ca.',
      { cause: error },
    );
  }
  if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID') {
    return new LakeError(
      'config',
      `TLS to ${where} refused (${code}): the server's certificate is not valid now; rotate the instance's CA.`,
      { cause: error },
    );
  }
  return undefined;
}
