// Keys typed while the console starts, in a real pseudo-terminal (test/bench/pty-relay.py) with
// the screen read through a terminal model: Enter typed as soon as the header shows (before the
// shell listens) must open the raw zone, not be lost; Ctrl-C during the start must still quit.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { terminalModel, type TerminalModel } from '../support/terminal-model.js';

const CLI = path.resolve('bin/lakedeck.js');
const RELAY = path.resolve('test/bench/pty-relay.py');
const dir = mkdtempSync(path.join(os.tmpdir(), 'lakedeck-start-keys-'));
const lake = path.join(dir, 'lake');

beforeAll(() => {
  const partition = path.join(lake, 'raw', 'typed_early', 'ingest_date=2024-01-15');
  mkdirSync(partition, { recursive: true });
  writeFileSync(path.join(partition, 'typed_early_20240115_000001.csv'), 'id\n1\n');
  for (const zone of ['trusted', 'refined']) mkdirSync(path.join(lake, zone), { recursive: true });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Console {
  child: ChildProcess;
  term: TerminalModel;
  /** Everything the console wrote. */
  output(): string;
  /** The console's exit status (the relay reports it on its stderr). */
  status(): Promise<number>;
  /** Resolves once the screen text matches (or rejects with the screen after `ms`). */
  until(test: RegExp, ms?: number): Promise<string>;
  exited: Promise<number | null>;
}

function startConsole(): Console {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => k !== 'CI' && k !== 'CONTINUOUS_INTEGRATION' && !k.startsWith('CI_')),
  );
  env.TERM = 'xterm-256color';
  const argv = [process.execPath, CLI, '--lake', lake, '--log-file', path.join(dir, 'lakedeck.log')];
  const child = spawn('python3', [RELAY, '--cols', '100', '--rows', '30', '--', ...argv], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  const term = terminalModel(100, 30);
  let pending = Promise.resolve();
  let output = '';
  let relayReport = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
    pending = pending.then(() => term.write(chunk.toString('utf8')));
  });
  child.stderr!.on('data', (chunk: Buffer) => (relayReport += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const screen = () => term.text().join('\n');
  return {
    child,
    term,
    exited,
    output: () => output,
    async status() {
      await exited;
      return (JSON.parse(relayReport.trim().split('\n').at(-1)!) as { exit: number }).exit;
    },
    async until(test, ms = 30_000) {
      const deadline = Date.now() + ms;
      for (;;) {
        await pending;
        if (test.test(screen())) return screen();
        if (Date.now() > deadline) throw new Error(`never saw ${test}; screen:\n${screen()}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
  };
}

describe('keys typed while the console starts', () => {
  it('Enter typed as soon as the header shows opens the raw zone once the shell is up', async () => {
    const console = startConsole();
    try {
      await console.until(/lakedeck │/);
      console.child.stdin!.write('\r');
      // The zone root's rows, then (the early Enter acting) the raw zone's own listing.
      const screen = await console.until(/typed_early\//);
      expect(screen).toMatch(/typed_early\/\s/);
      // Keys typed once the shell reads stdin itself still act.
      console.child.stdin!.write('\r');
      await console.until(/ingest_date=2024-01-15\//);
      console.child.stdin!.write('q');
      expect(await console.status()).toBe(0);
    } finally {
      console.child.kill();
    }
  }, 60_000);

  it('Ctrl-C typed while the console starts quits with 130 and gives the terminal back', async () => {
    const console = startConsole();
    try {
      await console.until(/lakedeck │/);
      console.child.stdin!.write('\u0003');
      expect(await console.status()).toBe(130);
      expect(console.output()).toContain('\u001B[?1049l'); // left the alternate screen
    } finally {
      console.child.kill();
    }
  }, 60_000);
});
