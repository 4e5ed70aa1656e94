// Bundles the console into dist/ with esbuild: one file starts faster than hundreds of
// ESM modules (cold start is a benchmarked figure). Dependencies stay external.
import { build } from 'esbuild';

const started = Date.now();
await build({
  entryPoints: { cli: 'src/cli.ts', 'lambda/index': 'src/lambda/index.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  jsx: 'automatic',
  logLevel: 'warning',
});
if (process.env.LAKEDECK_BUILD_VERBOSE) console.error(`built dist/ in ${Date.now() - started} ms`);
