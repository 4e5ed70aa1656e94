// esbuild plugin for the CLI bundle: Ink's layout engine (yoga-layout) embeds its WebAssembly as a
// base64 data URI, but its Emscripten loader first tries `fetch(dataURI)` whenever a global fetch
// exists. On Node that loads undici and streams the binary through it: the console's start paid
// ~2.5× the module's own load time for it (measured: 350 vs 130 ms under load). Without a fetch
// the loader decodes the embedded binary directly, as it does where no fetch exists.
import { readFile } from 'node:fs/promises';

const FETCH_CHECK = '"function"!=typeof fetch';

export const yogaWithoutFetch = {
  name: 'yoga-without-fetch',
  setup(build) {
    build.onLoad({ filter: /[\\/]yoga-layout[\\/]dist[\\/]binaries[\\/][^\\/]+\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const checks = source.split(FETCH_CHECK).length - 1;
      // A yoga-layout release whose loader changed must be looked at again, not silently left slow.
      if (checks === 0) throw new Error(`${args.path}: no \`${FETCH_CHECK}\` found; see scripts/yoga-without-fetch.mjs`);
      return { contents: source.replaceAll(FETCH_CHECK, 'true'), loader: 'js' };
    });
  },
};
