// Which rows of a paged preview to hold: a window around the view, at most WINDOW_CAP rows, read
// MARGIN rows ahead so scrolling rarely waits. Pure, so the memory bound is tested without a store.

export interface RowWindow {
  /** Index of `rows[0]` among the object's rows. */
  start: number;
  rows: string[][];
}

export interface RowRange {
  start: number;
  end: number;
}

export const MARGIN = 200;
export const WINDOW_CAP = 1_000;

/**
 * The rows to read next for a view of rows [view.start, view.end), or none: what the view shows
 * and is missing, or what lies past the window's edge once the view comes within MARGIN / 4 of it.
 * With the total unknown, reading past the known rows is what reads on through the object.
 */
export function rowsToRead(view: RowRange, window: RowWindow, total: number | undefined): RowRange | undefined {
  const last = total ?? Number.POSITIVE_INFINITY;
  const end = Math.min(view.end, last);
  const windowEnd = window.start + window.rows.length;
  const covered = view.start >= window.start && end <= windowEnd;
  const nearTop = window.start > 0 && view.start - window.start < MARGIN / 4;
  const nearBottom = windowEnd < last && windowEnd - end < MARGIN / 4;
  if (covered && !nearTop && !nearBottom) return undefined;
  const from = Math.max(0, view.start - MARGIN);
  const to = Math.min(last, end + MARGIN);
  // Overlapping the window: read only the side that is missing, joined to it.
  if (view.start >= window.start && view.start <= windowEnd && nearBottom)
    return to > windowEnd ? { start: windowEnd, end: to } : undefined;
  if (end <= windowEnd && end >= window.start && nearTop) return from < window.start ? { start: from, end: window.start } : undefined;
  return to > from ? { start: from, end: to } : undefined;
}

/** The window with `block` read into it (joined when they touch), cut to WINDOW_CAP around the view. */
export function mergeRows(window: RowWindow, block: RowWindow, view: RowRange, cap = WINDOW_CAP): RowWindow {
  const windowEnd = window.start + window.rows.length;
  let next: RowWindow;
  if (block.start === windowEnd) next = { start: window.start, rows: [...window.rows, ...block.rows] };
  else if (block.start + block.rows.length === window.start) next = { start: block.start, rows: [...block.rows, ...window.rows] };
  else next = block;
  if (next.rows.length <= cap) return next;
  const viewRows = Math.max(0, view.end - view.start);
  const keepFrom = Math.max(next.start, Math.min(view.start - Math.floor((cap - viewRows) / 2), next.start + next.rows.length - cap));
  return { start: keepFrom, rows: next.rows.slice(keepFrom - next.start, keepFrom - next.start + cap) };
}
