// The rows of a table object read on demand, so a preview can page through a whole object while
// holding only what is on screen: any range of rows, read by ranged reads from the store; how
// many rows are known so far, and the total once the end has been read.

export interface RowPager {
  /** Column names (JSON lines: the keys met so far, in order; the list only grows). */
  readonly columns: readonly string[];
  /** Rows known to exist so far: every row once `total` is set. */
  readonly known: number;
  /** The number of rows, once known (Parquet: from its footer; text: once its end was read). */
  readonly total: number | undefined;
  /** Bytes of the object read through so far, of `size` (how far "reading to the end" is). */
  readonly scanned: number;
  readonly size: number;
  /** Rows [start, end), fewer at the end of the object; reads on as far as it must. */
  rows(start: number, end: number, signal?: AbortSignal): Promise<string[][]>;
  /** Reads on to the end of the object counting rows; `onProgress` after each range read. */
  scanToEnd(signal?: AbortSignal, onProgress?: () => void): Promise<number>;
}

/** Runs one task at a time: a pager keeps one reading position, shared by every request. */
export class Serial {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task, task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
