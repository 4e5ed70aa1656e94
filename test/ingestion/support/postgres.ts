// A real PostgreSQL server for one test file, on 127.0.0.1 with password authentication.
// Uses Debian's server binaries (postgresql package; .ci/run installs it). initdb refuses to
// run as root, so as root the server runs as the unprivileged `postgres` (or `nobody`) user
// through spawn's uid/gid. Fails loudly, never skips, when it cannot start. With `tls`, the
// server also speaks TLS with the given certificate and key (PEM), as RDS does.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

export interface Postgres {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
  stop(): Promise<void>;
}

function findBinary(name: string): string {
  const dirs = [
    ...(process.env.PATH ?? '').split(':'),
    ...(existsSync('/usr/lib/postgresql')
      ? readdirSync('/usr/lib/postgresql')
          .sort()
          .reverse()
          .map((v) => `/usr/lib/postgresql/${v}/bin`)
      : []),
  ];
  for (const dir of dirs) if (dir && existsSync(path.join(dir, name))) return path.join(dir, name);
  throw new Error(
    `PostgreSQL's '${name}' was not found on PATH or in /usr/lib/postgresql/*/bin: install Debian's postgresql package (.ci/run does)`,
  );
}

/** uid/gid to run the server with: ourselves, or an unprivileged account when we are root. */
function account(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const passwd = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .map((line) => line.split(':'));
  const entry = passwd.find((f) => f[0] === 'postgres') ?? passwd.find((f) => f[0] === 'nobody');
  if (!entry) throw new Error('Running as root, and neither a postgres nor a nobody user exists to run PostgreSQL as');
  return { uid: Number(entry[2]), gid: Number(entry[3]) };
}

async function freePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface ServerTls {
  cert: string;
  key: string;
}

export async function startPostgres(options: { tls?: ServerTls } = {}): Promise<Postgres> {
  const user = account();
  const root = mkdtempSync(path.join(os.tmpdir(), 'lakedeck-pg-'));
  const data = path.join(root, 'data');
  const password = `pw-${Math.random().toString(36).slice(2)}`;
  writeFileSync(path.join(root, 'pw'), password);
  if (user) {
    chownSync(root, user.uid, user.gid);
    chownSync(path.join(root, 'pw'), user.uid, user.gid);
  }
  const init = spawnSync(
    findBinary('initdb'),
    ['-D', data, '-U', 'lakedeck', '--pwfile', path.join(root, 'pw'), '-A', 'scram-sha-256', '-E', 'UTF8', '--locale=C', '--no-sync'],
    {
      ...user,
      cwd: root,
      encoding: 'utf8',
    },
  );
  if (init.status !== 0) throw new Error(`initdb failed (${init.status ?? init.error?.message}): ${init.stderr}`);
  const port = await freePort();
  const tlsArgs: string[] = [];
  if (options.tls) {
    const cert = path.join(root, 'server.crt');
    const key = path.join(root, 'server.key');
    writeFileSync(cert, options.tls.cert);
    writeFileSync(key, options.tls.key, { mode: 0o600 });
    if (user) for (const file of [cert, key]) chownSync(file, user.uid, user.gid);
    tlsArgs.push('-c', 'ssl=on', '-c', `ssl_cert_file=${cert}`, '-c', `ssl_key_file=${key}`);
  }
  const server: ChildProcess = spawn(
    findBinary('postgres'),
    ['-D', data, '-h', '127.0.0.1', '-p', String(port), '-k', root, '-c', 'fsync=off', ...tlsArgs],
    {
      ...user,
      cwd: root,
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let log = '';
  server.stderr?.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4000)));
  const settings = { host: '127.0.0.1', port, user: 'lakedeck', password, database: 'postgres' };
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`postgres exited with ${server.exitCode}: ${log}`);
    const client = new pg.Client(settings);
    try {
      await client.connect();
      await client.query('CREATE DATABASE lake');
      await client.end();
      break;
    } catch (error) {
      await client.end().catch(() => {});
      if (Date.now() > deadline) throw new Error(`postgres did not accept connections within 30 s: ${(error as Error).message}\n${log}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    ...settings,
    database: 'lake',
    stop: async () => {
      if (server.exitCode === null) {
        const exited = new Promise((r) => server.once('exit', r));
        server.kill('SIGINT'); // fast shutdown
        await exited;
      }
      rmSync(root, { recursive: true, force: true });
    },
  };
}
