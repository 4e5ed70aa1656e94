// Windowing math for long lists: only `height` rows are ever rendered, whatever the total, and
// the next page is asked for while the cursor is still a screen away from the end.

export interface ListWindow {
  cursor: number;
  offset: number;
}

export function clamp(value: number, min: number, max: number): number {
  return Math.max(min, Math.min(max, value));
}

/** The cursor moved by `delta` rows, kept inside [0, total). */
export function moveCursor(cursor: number, delta: number, total: number): number {
  if (total <= 0) return 0;
  return clamp(cursor + delta, 0, total - 1);
}

/** The smallest scroll that keeps the cursor visible, never past the end of the list. */
export function followCursor(offset: number, cursor: number, height: number, total: number): number {
  if (height <= 0 || total <= 0) return 0;
  let next = offset;
  if (cursor < next) next = cursor;
  if (cursor >= next + height) next = cursor - height + 1;
  return clamp(next, 0, Math.max(0, total - height));
}

/** Moves the cursor and scrolls to follow it. */
export function step(window: ListWindow, delta: number, height: number, total: number): ListWindow {
  const cursor = moveCursor(window.cursor, delta, total);
  return { cursor, offset: followCursor(window.offset, cursor, height, total) };
}

/** Re-fits a window after the list or the viewport changed size. */
export function refit(window: ListWindow, height: number, total: number): ListWindow {
  const cursor = moveCursor(window.cursor, 0, total);
  return { cursor, offset: followCursor(window.offset, cursor, height, total) };
}

/** Half-open range [start, end) of rows to render. */
export function visibleRange(offset: number, height: number, total: number): { start: number; end: number } {
  const start = clamp(offset, 0, Math.max(0, total));
  return { start, end: Math.min(total, start + Math.max(0, height)) };
}

/** Whether to fetch the next page: more exists and the cursor is within `margin` rows of the loaded end. */
export function wantsMore(cursor: number, loaded: number, hasMore: boolean, margin: number): boolean {
  return hasMore && cursor >= loaded - margin;
}

/** A cursor key on a list: a step (arrows, pages) or a jump to either end. */
export type ListMove =
  { type: 'move'; delta: number; height: number; total: number } | { type: 'jump'; to: 'top' | 'bottom'; height: number; total: number };

/** The list's window after a cursor key (the navigation reducers' shared case). */
export function moveWindow(window: ListWindow, action: ListMove): ListWindow {
  if (action.type === 'move') return step(window, action.delta, action.height, action.total);
  const cursor = action.to === 'top' ? 0 : Math.max(0, action.total - 1);
  return refit({ cursor, offset: window.offset }, action.height, action.total);
}
