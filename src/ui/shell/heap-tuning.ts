// The console's V8 heap settings. While keys scroll a long listing, allocation is fast and V8 lets
// the old generation grow to several times what is live before it collects: a console with ~20 MB
// live would sit near 180 MB. Growing by half of what is live keeps the peak under 150 MB at no
// measurable cost in key latency (`npm run bench`, ui). The young generation likewise doubles
// under that allocation up to 2 × 16 MB; held at the size the start-up left it, the scavenges
// run more often but each is small. GC tuning flags, safe to set at run time.
import v8 from 'node:v8';

export const HEAP_GROWING_PERCENT = 50;
/** The young generation stops growing (V8's default doubles it). */
export const SEMI_SPACE_GROWTH_FACTOR = 1;

/** The flags as set by tuneHeapForConsole, and V8's defaults, which a start has. */
const TUNED = [`--heap-growing-percent=${HEAP_GROWING_PERCENT}`, `--semi-space-growth-factor=${SEMI_SPACE_GROWTH_FACTOR}`];
const DEFAULTS = ['--heap-growing-percent=0', '--semi-space-growth-factor=2'];

let tuned = false;

function setFlags(flags: readonly string[]): void {
  for (const flag of flags) v8.setFlagsFromString(flag);
}

export function tuneHeapForConsole(): void {
  setFlags(TUNED);
  tuned = true;
}

/**
 * Runs `task` with V8's flags as a start has them. A V8 code cache records a hash of the flags
 * that differ from their defaults, and the next start (which has not tuned its heap yet) would
 * refuse one taken with the console's settings.
 */
export function withStartFlags<T>(task: () => T): T {
  if (!tuned) return task();
  setFlags(DEFAULTS);
  try {
    return task();
  } finally {
    setFlags(TUNED);
  }
}
