// A throwaway certificate authority and a server certificate signed by it, made with the
// openssl command line for one test file: the stand-in for the RDS CA and an instance's cert.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface TestCertificates {
  caFile: string;
  caPem: string;
  serverCert: string;
  serverKey: string;
  remove(): void;
}

/** `names`: the subjectAltName entries of the server certificate, e.g. ['IP:127.0.0.1']. */
export function makeCertificates(names: string[]): TestCertificates {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lakedeck-tls-'));
  const at = (name: string) => path.join(dir, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  openssl(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '2',
    '-subj',
    '/CN=lakedeck test CA',
    '-keyout',
    at('ca.key'),
    '-out',
    at('ca.crt'),
  );
  openssl(
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-subj',
    '/CN=lakedeck test server',
    '-keyout',
    at('server.key'),
    '-out',
    at('server.csr'),
  );
  writeFileSync(at('ext.cnf'), `subjectAltName=${names.join(',')}\n`);
  openssl(
    'x509',
    '-req',
    '-in',
    at('server.csr'),
    '-CA',
    at('ca.crt'),
    '-CAkey',
    at('ca.key'),
    '-CAcreateserial',
    '-days',
    '2',
    '-extfile',
    at('ext.cnf'),
    '-out',
    at('server.crt'),
  );
  return {
    caFile: at('ca.crt'),
    caPem: readFileSync(at('ca.crt'), 'utf8'),
    serverCert: readFileSync(at('server.crt'), 'utf8'),
    serverKey: readFileSync(at('server.key'), 'utf8'),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
