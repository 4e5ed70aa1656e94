// esbuild plugin for the console's classic-script build (dist/console.script.js, run through
// vm.Script with a V8 code cache on Node 20): a script cannot await at the top level, and two
// packages on the console's path do.
// - yoga-layout's entry awaits its WebAssembly. This copy starts the same load and exports the
//   wait as `ready` (awaited by src/ui/shell/layout-engine.ts before Ink draws); `Yoga` is bound
//   once loaded.
// - Ink's reconciler awaits React DevTools and its package.json when DEV=true. The script is never
//   used then (src/launch/script-start.ts leaves DEV=true to the ES-module CLI), so both are dropped.
// A release whose code changed fails the build: it must be looked at again.
import { readFile } from 'node:fs/promises';

const PATCHES = [
  {
    filter: /[\\/]yoga-layout[\\/]dist[\\/]src[\\/]index\.js$/,
    replace: [
      [
        'const Yoga = wrapAssembly(await loadYoga());',
        'let Yoga;\nexport const ready = loadYoga().then((module) => {\n  Yoga = wrapAssembly(module);\n});',
      ],
      ['export default Yoga;', 'export { Yoga as default };'],
    ],
  },
  {
    filter: /[\\/]ink[\\/]build[\\/]reconciler\.js$/,
    replace: [
      ["await import('./devtools.js');", "throw new Error('DEV=true is not supported by the start script');"],
      ['? await loadPackageJson()', '? undefined'],
    ],
  },
];

/**
 * The aws backend left out of the script: src/launch/console-script.ts declines any other backend
 * before it is opened, so this stands in for a module the script never loads.
 */
export const withoutAwsBackend = {
  name: 'without-aws-backend',
  setup(build) {
    build.onResolve({ filter: /^\.\/aws\/backend\.js$/ }, (args) =>
      /[\\/]src[\\/]backends[\\/]index\.ts$/.test(args.importer) ? { path: 'aws-backend', namespace: 'without-aws-backend' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'without-aws-backend' }, () => ({
      contents: "export function createAwsBackend() { throw new Error('the start script has no aws backend: dist/cli.js runs it'); }",
      loader: 'js',
    }));
  },
};

export const noTopLevelAwait = {
  name: 'no-top-level-await',
  setup(build) {
    for (const { filter, replace } of PATCHES) {
      build.onLoad({ filter }, async (args) => {
        let contents = await readFile(args.path, 'utf8');
        for (const [from, to] of replace) {
          if (!contents.includes(from)) throw new Error(`${args.path}: \`${from}\` not found; see scripts/no-top-level-await.mjs`);
          contents = contents.replace(from, to);
        }
        return { contents, loader: 'js' };
      });
    }
  },
};
