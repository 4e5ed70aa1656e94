// Ink's layout engine (yoga-layout) compiles its WebAssembly asynchronously. As an ES module it
// waits with a top-level await, so it is ready once imported; the console's classic-script build
// (src/launch/, for a V8 code cache on Node 20) cannot await at the top level, and its copy of
// yoga-layout exports the wait as `ready` instead (scripts/no-top-level-await.mjs).
import * as yoga from 'yoga-layout';

/** Resolves once Ink can lay out a frame. */
export async function layoutEngineReady(): Promise<void> {
  await Reflect.get(yoga, 'ready');
}
