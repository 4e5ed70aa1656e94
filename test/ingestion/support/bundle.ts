// Bundles a TypeScript entry for a child process (tests that need a real process to kill).
// The output sits under node_modules/.cache so its bare imports resolve to the project's packages.
import path from 'node:path';
import { build } from 'esbuild';

export async function bundleForNode(entry: string): Promise<string> {
  const outfile = path.resolve('node_modules/.cache/lakedeck-tests', `${path.basename(entry, '.ts')}-${process.pid}.mjs`);
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  return outfile;
}
