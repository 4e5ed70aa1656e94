// Builds dist/ with esbuild.
// - The CLI: bundled with its dependencies and chunk splitting. Resolving and compiling hundreds
//   of separate modules (the AWS SDK alone is hundreds of CommonJS files) costs more start-up
//   than one pass over bundled chunks; the chunks keep the AWS SDK and the UI off the path of
//   commands that do not use them. Packages with native or WASM files stay external.
// - The Lambda handler: one self-contained file (dependencies included) for the deploy zip.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { yogaWithoutFetch } from './yoga-without-fetch.mjs';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
// Stale chunks from earlier builds would pile up: start clean.
rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });

// ESM bundles that contain CommonJS dependencies need a require() of their own.
const REQUIRE_BANNER = {
  js: "import { createRequire as __lakedeckRequire } from 'node:module'; const require = __lakedeckRequire(import.meta.url);",
};

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  jsx: 'automatic',
  // The AWS SDK's ES modules (its `module` builds) let esbuild drop the commands lakedeck never
  // sends: the S3 backend chunk goes from 454 to 273 KB and loads in ~115 ms instead of ~185 ms.
  mainFields: ['module', 'main'],
  logLevel: 'warning',
  // React's production build only: the development one doubles the UI chunk and its start-up.
  define: { LAKEDECK_VERSION: JSON.stringify(version), 'process.env.NODE_ENV': '"production"' },
};

await build({
  ...common,
  entryPoints: { cli: 'src/cli.ts' },
  outdir: 'dist',
  splitting: true,
  external: ['@duckdb/*', '@polyglot-sql/sdk', '@electric-sql/pglite', 'pg-native', 'react-devtools-core', 'esbuild'],
  banner: REQUIRE_BANNER,
  plugins: [yogaWithoutFetch],
});

if (existsSync('src/lambda/index.ts')) {
  await build({
    ...common,
    entryPoints: { index: 'src/lambda/index.ts' },
    outdir: 'dist/lambda',
    outExtension: { '.js': '.mjs' },
    banner: REQUIRE_BANNER,
  });
}

// The empty embedded-Postgres cluster a new lake starts from (see the script); a process of its
// own, since V8 flags are per process.
execFileSync(process.execPath, ['--liftoff-only', fileURLToPath(new URL('./build-pglite-cluster.mjs', import.meta.url))], {
  stdio: 'inherit',
});
