#!/usr/bin/env node
// Thin launcher: the bundled CLI lives in dist/ (built by `npm run build`). Where the running Node
// offers it (22.1+), the compile cache keeps V8's compiled code of the bundle between starts.
import module from 'node:module';

module.enableCompileCache?.();
await import('../dist/cli.js');
