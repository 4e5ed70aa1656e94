#!/usr/bin/env node
// Thin launcher: the bundled CLI lives in dist/ (built by `npm run build`). Where the running Node
// offers it (22.1+), the compile cache keeps V8's compiled code of the bundle between starts. On
// Node 20 the console starts instead from a classic script with a V8 code cache kept in the
// user's cache folder (dist/launch.js, src/launch/script-start.ts); anything else, or any failure
// to load that script, imports the bundle as before.
import module from 'node:module';

if (module.enableCompileCache) {
  module.enableCompileCache();
  await import('../dist/cli.js');
} else {
  const { startFromScript } = await import('../dist/launch.js');
  if (!(await startFromScript(process.argv, new URL('../dist/', import.meta.url)))) await import('../dist/cli.js');
}
