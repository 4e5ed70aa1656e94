// Builds dist/ with esbuild.
// - The CLI: bundled with its dependencies and chunk splitting. Resolving and compiling hundreds
//   of separate modules (the AWS SDK alone is hundreds of CommonJS files) costs more start-up
//   than one pass over bundled chunks; the chunks keep the AWS SDK and the UI off the path of
//   commands that do not use them. Packages with native or WASM files stay external.
// - The console's start path again, as one classic script (dist/console.script.js) with the launch
//   code that runs it (dist/launch.js): Node 20 has no compile cache for ES modules, but runs a
//   script through vm.Script with a V8 code cache (src/launch/script-start.ts).
// - The Lambda handler: one self-contained file (dependencies included) for the deploy zip.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { noTopLevelAwait, withoutAwsBackend } from './no-top-level-await.mjs';
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

const EXTERNAL = ['@duckdb/*', '@polyglot-sql/sdk', '@electric-sql/pglite', 'pg-native', 'react-devtools-core', 'esbuild'];

await build({
  ...common,
  entryPoints: { cli: 'src/cli.ts' },
  outdir: 'dist',
  splitting: true,
  external: EXTERNAL,
  banner: REQUIRE_BANNER,
  plugins: [yogaWithoutFetch],
});

// The start script: CommonJS inside one function expression that script-start.ts calls with
// (exports, require, module, __filename, __dirname, the URL import.meta.url stands for). It sits
// in dist/ beside the chunks, so paths found from import.meta.url are the same as theirs.
await build({
  ...common,
  format: 'cjs',
  entryPoints: { 'console.script': 'src/launch/console-script.ts' },
  outdir: 'dist',
  external: EXTERNAL,
  define: { ...common.define, 'import.meta.url': '__lakedeckImportMetaUrl' },
  banner: { js: '(function (exports, require, module, __filename, __dirname, __lakedeckImportMetaUrl) {' },
  footer: { js: '})' },
  plugins: [yogaWithoutFetch, noTopLevelAwait, withoutAwsBackend],
  // Every start reads the whole script: without comments and blank space it is ~40 % smaller
  // (names are kept, so stack traces still read).
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'none',
});
const script = readFileSync(new URL('../dist/console.script.js', import.meta.url));
// An ASCII script is read as latin1, a plain copy; one with other characters needs UTF-8 decoding.
const ascii = !script.some((byte) => byte > 0x7f);
writeFileSync(
  new URL('../dist/console.script.json', import.meta.url),
  `${JSON.stringify({ sha256: createHash('sha256').update(script).digest('hex'), encoding: ascii ? 'latin1' : 'utf8' })}\n`,
);
await build({ ...common, entryPoints: { launch: 'src/launch/script-start.ts' }, outdir: 'dist' });

await build({
  ...common,
  entryPoints: { index: 'src/lambda/index.ts' },
  outdir: 'dist/lambda',
  outExtension: { '.js': '.mjs' },
  banner: REQUIRE_BANNER,
});

// The empty embedded-Postgres cluster a new lake starts from (see the script); a process of its
// own, since V8 flags are per process.
execFileSync(process.execPath, ['--liftoff-only', fileURLToPath(new URL('./build-pglite-cluster.mjs', import.meta.url))], {
  stdio: 'inherit',
});
