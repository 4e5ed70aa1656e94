// Starts the console on Nodes that have no `module.enableCompileCache` (Node 20): V8 compiles the
// ES-module bundle from scratch on every start (~50 ms of the first frame). Here the console's
// start path runs instead as one classic script (dist/console.script.js, built by
// scripts/build.mjs) through `vm.Script`, whose compiled code V8 can hand back as a code cache;
// the cache is kept in the user's cache folder (code-cache.ts) and given to V8 on the next start.
// Any failure before the console starts (no script, an old Node without the default loader for
// `import()` in scripts) resolves false: bin/lakedeck.js then imports dist/cli.js as before.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import vm from 'node:vm';
import { codeCacheDir, codeCacheFile, readCodeCache, writeCodeCache } from './code-cache.js';

export const SCRIPT = 'console.script.js';
/** Written by the build beside the script: the digest of its content, which names its cache. */
export const SCRIPT_MANIFEST = 'console.script.json';
/** console-script.ts's startConsole. */
type StartConsole = (argv: readonly string[], cacheCode?: () => void) => Promise<boolean>;

interface Loaded {
  script: vm.Script;
  startConsole: StartConsole;
  /** The cache given to V8 was used. */
  cacheUsed: boolean;
  cacheFile: string;
}

/** Compiles and runs the start script (with its code cache when there is a usable one). */
export function loadStartScript(distDir: string, env: NodeJS.ProcessEnv = process.env): Loaded | undefined {
  const importDefault = vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER;
  // Before Node 20.12, `import()` (the optional engines: DuckDB, PGlite…) cannot run from a script.
  if (importDefault === undefined) return undefined;
  quietDefaultLoaderWarning();
  const file = path.join(distDir, SCRIPT);
  const manifest = JSON.parse(fs.readFileSync(path.join(distDir, SCRIPT_MANIFEST), 'utf8')) as {
    sha256: string;
    encoding: 'latin1' | 'utf8';
  };
  const cacheFile = codeCacheFile(codeCacheDir(env), manifest.sha256);
  const cachedData = readCodeCache(cacheFile);
  // An ASCII script (as the build writes it) is read as latin1: a plain copy, no UTF-8 decoding.
  const source = fs.readFileSync(file, manifest.encoding === 'latin1' ? 'latin1' : 'utf8');
  const script = new vm.Script(source, { filename: file, cachedData, importModuleDynamically: importDefault });
  // The script is one function expression (the build's banner and footer), called as CommonJS calls a module.
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  const module = { exports: {} as { startConsole?: StartConsole } };
  wrapper(module.exports, createRequire(file), module, file, distDir, pathToFileURL(file).href);
  const { startConsole } = module.exports;
  if (typeof startConsole !== 'function') return undefined;
  return { script, startConsole, cacheUsed: cachedData !== undefined && !script.cachedDataRejected, cacheFile };
}

/**
 * Node 20 flags the default loader for `import()` in scripts as experimental, once, when the
 * console first imports an optional engine (DuckDB, PGlite): the warning would only land in the
 * console's log as an error. Other warnings pass as before.
 */
let warningQuieted = false;
function quietDefaultLoaderWarning(): void {
  if (warningQuieted) return;
  warningQuieted = true;
  const emitWarning = process.emitWarning.bind(process) as (...args: unknown[]) => void;
  process.emitWarning = ((warning: unknown, ...rest: unknown[]) => {
    const text = warning instanceof Error ? warning.message : String(warning);
    if (text.startsWith('vm.USE_MAIN_CONTEXT_DEFAULT_LOADER')) return;
    emitWarning(warning, ...rest);
  }) as typeof process.emitWarning;
}

/** Stores the script's compiled code for the next start. */
export function cacheStartScript(loaded: Loaded): boolean {
  return writeCodeCache(loaded.cacheFile, loaded.script.createCachedData());
}

/**
 * A first look at the command line, so that subcommands do not load the script for nothing: the
 * console starts with options only (`--lake DIR`…), a subcommand with its name, help and the
 * version with their flags. The script decides exactly (console-script.ts).
 */
export function mayStartConsole(args: readonly string[]): boolean {
  if (args.length === 0) return true;
  return args[0]!.startsWith('--') && !args.some((arg) => ['--help', '-h', '--version', '-V'].includes(arg));
}

/**
 * Runs the console from the start script when the command line starts it; resolves false when it
 * does not (a subcommand) or the script cannot be loaded, and the caller imports the ES-module CLI.
 */
export async function startFromScript(argv: readonly string[], distDir: URL | string): Promise<boolean> {
  // React DevTools (DEV=true) need Ink's ES modules (scripts/no-top-level-await.mjs).
  if (process.env.DEV === 'true' || !mayStartConsole(argv.slice(2))) return false;
  let loaded: Loaded | undefined;
  try {
    loaded = loadStartScript(typeof distDir === 'string' ? distDir : fileURLToPath(distDir));
  } catch {
    loaded = undefined;
  }
  if (!loaded) return false;
  return loaded.startConsole(argv, loaded.cacheUsed ? undefined : () => cacheStartScript(loaded));
}
