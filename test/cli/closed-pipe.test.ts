// Subcommands piped into a reader that goes away (`lakedeck zones ls raw/ | head -1`) stop
// quietly with the SIGPIPE status, as `ls | head` does, instead of an EPIPE stack trace.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLOSED_PIPE_STATUS } from '../../src/cli/closed-pipe.js';

const CLI = path.resolve('bin/lakedeck.js');
const lake = mkdtempSync(path.join(os.tmpdir(), 'lakedeck-pipe-'));
const env = { ...process.env, XDG_CONFIG_HOME: lake, XDG_STATE_HOME: lake, AWS_ENDPOINT_URL: '', AWS_PROFILE: '' };

beforeAll(() => {
  const dir = path.join(lake, 'raw', 'many');
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < 3000; i++) writeFileSync(path.join(dir, `file-${String(i).padStart(5, '0')}.csv`), 'a\n');
  const csv = path.join(lake, 'raw', 'big.csv');
  writeFileSync(csv, `id,name\n${Array.from({ length: 20_000 }, (_, i) => `${i},row ${i}`).join('\n')}\n`);
  for (const zone of ['trusted', 'refined']) mkdirSync(path.join(lake, zone), { recursive: true });
});

/** Runs the CLI with its stdout read by a reader that closes after the first chunk. */
function runIntoClosedReader(args: string[]): Promise<{ code: number | null; stderr: string; first: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('node', [CLI, '--lake', lake, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let first = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.stdout.once('data', (chunk) => {
      first = String(chunk);
      child.stdout.destroy();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr, first }));
  });
}

describe('a subcommand whose reader closes early', () => {
  it.each([
    ['zones ls', ['zones', 'ls', 'raw/many/']],
    ['zones ls --json', ['zones', 'ls', 'raw/many/', '--json']],
    ['preview', ['preview', 'raw/big.csv', '--rows', '20000']],
  ])('%s stops quietly with status 141', async (_name, args) => {
    const result = await runIntoClosedReader(args);
    expect(result.first.length).toBeGreaterThan(0);
    expect(result.stderr).not.toMatch(/EPIPE|Error|at /);
    expect(result.code).toBe(CLOSED_PIPE_STATUS);
  });
});
