// The console's V8 heap setting. While keys scroll a long listing, allocation is fast and V8 lets
// the old generation grow to several times what is live before it collects: a console with ~20 MB
// live would sit near 180 MB. Growing by half of what is live keeps the peak under 150 MB at no
// measurable cost in key latency (`npm run bench`, ui). A GC tuning flag, safe to set at run time.
import v8 from 'node:v8';

export const HEAP_GROWING_PERCENT = 50;

let tuned = false;

export function tuneHeapForConsole(): void {
  v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  tuned = true;
}

/**
 * Runs `task` with V8's flags as a start has them. A V8 code cache records a hash of the flags
 * that differ from their defaults, and the next start (which has not tuned its heap yet) would
 * refuse one taken with the console's setting.
 */
export function withStartFlags<T>(task: () => T): T {
  if (!tuned) return task();
  v8.setFlagsFromString('--heap-growing-percent=0'); // V8's default
  try {
    return task();
  } finally {
    v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  }
}
