// `lakedeck zones ls --json` against `aws s3api list-objects-v2` on the same 10 000-object
// bucket of a moto server on loopback: wall time of the whole command (start-up included), median
// of several runs, printed as a ratio. Two figures:
// - straight to moto: moto spends ~1 ms per listed key in Python, the same for both clients, so
//   this figure mostly measures moto;
// - through a caching proxy that replays moto's own responses after the first run: the server's
//   cost drops out and what is left is each client's own cost.
import { execFile, spawn } from 'node:child_process';
import { createServer as createHttpServer, request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';

const run = promisify(execFile);
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const OBJECTS = 10_000;
const RUNS = 5;

async function freePort() {
  return await new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function startMoto() {
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const child = spawn(path.join(root, '.venv/bin/moto_server'), ['-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
  for (let i = 0; i < 300; i += 1) {
    try {
      if ((await fetch(`${endpoint}/moto-api/`)).ok) return { endpoint, child };
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  child.kill();
  throw new Error('moto_server did not start');
}

/** A reverse proxy that answers a repeated GET from its cache (moto's listings are deterministic). */
async function startCachingProxy(target) {
  const cache = new Map();
  const server = createHttpServer((req, res) => {
    const cached = req.method === 'GET' ? cache.get(req.url) : undefined;
    if (cached) {
      res.writeHead(cached.status, cached.headers);
      res.end(cached.body);
      return;
    }
    const upstream = httpRequest(
      `${target}${req.url}`,
      { method: req.method, headers: { ...req.headers, host: new URL(target).host } },
      (up) => {
        const chunks = [];
        up.on('data', (c) => chunks.push(c));
        up.on('end', () => {
          const entry = { status: up.statusCode, headers: up.headers, body: Buffer.concat(chunks) };
          if (req.method === 'GET' && up.statusCode === 200) cache.set(req.url, entry);
          res.writeHead(entry.status, entry.headers);
          res.end(entry.body);
        });
      },
    );
    req.pipe(upstream);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { endpoint: `http://127.0.0.1:${server.address().port}`, close: () => server.close() };
}

async function timeIt(command, args, env) {
  const started = process.hrtime.bigint();
  const { stdout } = await run(command, args, { env, maxBuffer: 64 * 1024 * 1024 });
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, stdout };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export async function runZonesBench() {
  const { endpoint, child } = await startMoto();
  try {
    const env = {
      ...process.env,
      AWS_ACCESS_KEY_ID: 'testing',
      AWS_SECRET_ACCESS_KEY: 'testing',
      AWS_REGION: 'us-east-1',
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_ENDPOINT_URL: endpoint,
    };
    delete env.AWS_PROFILE;
    const s3 = new S3Client({
      endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    });
    const bucket = 'bench-lake';
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    const keys = Array.from({ length: OBJECTS }, (_, i) => `raw/covid_api/ingest_date=2024-01-01/page_${String(i).padStart(6, '0')}.jsonl`);
    for (let i = 0; i < keys.length; i += 50) {
      await Promise.all(keys.slice(i, i + 50).map((Key) => s3.send(new PutObjectCommand({ Bucket: bucket, Key, Body: '{}' }))));
    }
    s3.destroy();

    const straight = await compare(bucket, env, 3);
    const proxy = await startCachingProxy(endpoint);
    const cachedEnv = { ...env, AWS_ENDPOINT_URL: proxy.endpoint };
    await compare(bucket, cachedEnv, 1); // fills the cache
    const replayed = await compare(bucket, cachedEnv, RUNS);
    proxy.close();
    return [
      `zones ls --json, ${OBJECTS} objects (median of 3 runs straight, ${RUNS} replayed; whole command):`,
      `  straight to moto:         lakedeck ${straight.ours.toFixed(0)} ms, aws s3api list-objects-v2 ${straight.theirs.toFixed(0)} ms → ${straight.ratio.toFixed(2)}× (moto's own listing cost dominates both)`,
      `  moto's responses replayed: lakedeck ${replayed.ours.toFixed(0)} ms, aws s3api list-objects-v2 ${replayed.theirs.toFixed(0)} ms → ${replayed.ratio.toFixed(2)}× faster (target ≥ 3×) ${replayed.ratio >= 3 ? 'OK' : 'MISSED'}`,
    ];
  } finally {
    child.kill();
  }
}

async function compare(bucket, env, runs) {
  const lakedeckArgs = [
    path.join(root, 'bin/lakedeck.js'),
    '--bucket',
    bucket,
    'zones',
    'ls',
    'raw/covid_api/ingest_date=2024-01-01/',
    '--json',
  ];
  const awsArgs = ['s3api', 'list-objects-v2', '--bucket', bucket, '--prefix', 'raw/covid_api/ingest_date=2024-01-01/', '--output', 'json'];
  const ours = [];
  const theirs = [];
  for (let i = 0; i < runs; i += 1) {
    const a = await timeIt('node', lakedeckArgs, env);
    if (JSON.parse(a.stdout).length !== OBJECTS) throw new Error('lakedeck listed the wrong number of objects');
    ours.push(a.ms);
    const b = await timeIt(path.join(root, '.venv/bin/aws'), awsArgs, env);
    if (JSON.parse(b.stdout).Contents.length !== OBJECTS) throw new Error('aws listed the wrong number of objects');
    theirs.push(b.ms);
  }
  return { ours: median(ours), theirs: median(theirs), ratio: median(theirs) / median(ours) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const line of await runZonesBench()) console.log(line);
}
