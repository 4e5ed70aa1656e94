// How Ink writes frames to the terminal, kept in one place for the console and its benchmarks.
// Over SSH on a slow link every byte of a frame is link time, so:
// - incremental rendering: only the cells that changed since the last frame are written
//   (patches/ink+*.patch fixes Ink 6.8's writer for frames shorter than the terminal, which ours
//   always are, and narrows each changed line to its changed cells);
// - frames are coalesced: at most one per 1/maxFps second, always the latest state, so a held key
//   moves the selection many rows per frame instead of queueing a frame per row.
import type { RenderOptions } from 'ink';

export const FRAME_OPTIONS = {
  incrementalRendering: true,
  maxFps: 30,
} as const satisfies RenderOptions;
