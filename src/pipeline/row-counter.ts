// Counts records while bytes stream past, without parsing: CSV records end at a newline outside
// double quotes (RFC 4180; a doubled quote toggles twice), JSON lines at every newline. Uses
// Buffer.indexOf (memchr) so the cost is per record, not per byte.
const NEWLINE = 0x0a;
const QUOTE = 0x22;

export type RowFormat = 'csv' | 'jsonl';

export class RowCounter {
  private records = 0;
  private inQuotes = false;
  /** True when bytes arrived after the last record end (a final line without newline). */
  private openRecord = false;

  constructor(private readonly format: RowFormat) {}

  add(chunk: Buffer): void {
    if (chunk.length === 0) return;
    if (this.format === 'jsonl') this.addLines(chunk);
    else this.addCsv(chunk);
    this.openRecord = chunk[chunk.length - 1] !== NEWLINE || this.inQuotes;
  }

  /** Data rows: CSV records minus the header line, or JSON lines. */
  get rows(): number {
    const records = this.records + (this.openRecord ? 1 : 0);
    return this.format === 'csv' ? Math.max(0, records - 1) : records;
  }

  private addLines(chunk: Buffer): void {
    for (let at = chunk.indexOf(NEWLINE); at !== -1; at = chunk.indexOf(NEWLINE, at + 1)) this.records += 1;
  }

  private addCsv(chunk: Buffer): void {
    let position = 0;
    let nextQuote = chunk.indexOf(QUOTE);
    while (position < chunk.length) {
      if (this.inQuotes) {
        if (nextQuote === -1) return;
        this.inQuotes = false;
        position = nextQuote + 1;
        nextQuote = chunk.indexOf(QUOTE, position);
        continue;
      }
      const newline = chunk.indexOf(NEWLINE, position);
      if (nextQuote !== -1 && (newline === -1 || nextQuote < newline)) {
        this.inQuotes = true;
        position = nextQuote + 1;
        nextQuote = chunk.indexOf(QUOTE, position);
        continue;
      }
      if (newline === -1) return;
      this.records += 1;
      position = newline + 1;
    }
  }
}
