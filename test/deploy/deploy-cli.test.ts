// The built CLI's refusals, before anything touches AWS: read-only mode refuses deploy and
// destroy, a missing --stack or a malformed --param is a configuration error (exit 2).
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const CLI = path.resolve('bin/lakedeck.js');
const home = mkdtempSync(path.join(os.tmpdir(), 'lakedeck-deploy-cli-'));
const env = {
  ...process.env,
  XDG_CONFIG_HOME: home,
  XDG_STATE_HOME: home,
  AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
  AWS_REGION: 'us-east-1',
  LAKEDECK_STACK: '',
};

async function lakedeck(args: string[]) {
  try {
    const { stdout, stderr } = await run('node', [CLI, ...args], { env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('lakedeck deploy / destroy refusals', () => {
  it('refuses both in read-only mode', async () => {
    for (const command of ['deploy', 'destroy']) {
      const result = await lakedeck(['--read-only', command, '--stack', 'lakedeck-dev']);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`lakedeck: Read-only mode: '${command}' changes AWS resources and is refused`);
      expect(result.stdout).toBe('');
    }
  });

  it('asks for a stack and for KEY=VALUE parameters', async () => {
    expect(await lakedeck(['deploy'])).toMatchObject({ code: 2, stderr: 'lakedeck: Which stack? Pass --stack NAME\n' });
    expect(await lakedeck(['deploy', '--stack', 'x', '--param', 'oops'])).toMatchObject({
      code: 2,
      stderr: "lakedeck: --param 'oops' is not KEY=VALUE\n",
    });
  });
});
