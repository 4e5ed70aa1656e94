// Builds dist/ with esbuild.
// - The CLI: bundled with chunk splitting, dependencies external. One small entry starts faster
//   than hundreds of ESM modules (cold start is a benchmarked figure), and the chunks keep the
//   AWS SDK and the UI off the start-up path of commands that do not use them.
// - The Lambda handler: one self-contained file (dependencies included) for the deploy zip.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
// Stale chunks from earlier builds would pile up: start clean.
rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  jsx: 'automatic',
  logLevel: 'warning',
  define: { LAKEDECK_VERSION: JSON.stringify(version) },
};

await build({
  ...common,
  entryPoints: { cli: 'src/cli.ts' },
  outdir: 'dist',
  splitting: true,
  packages: 'external',
});

if (existsSync('src/lambda/index.ts')) {
  await build({
    ...common,
    entryPoints: { index: 'src/lambda/index.ts' },
    outdir: 'dist/lambda',
    outExtension: { '.js': '.mjs' },
    // ESM bundles that contain CommonJS dependencies need a require() of their own.
    banner: { js: "import { createRequire as __lakedeckRequire } from 'node:module'; const require = __lakedeckRequire(import.meta.url);" },
  });
}
