// Which columns each Parquet file of the lake holds, remembered by file identity (path, size,
// mtime) in `<lake>/.query/parquet-columns.json`. A table whose files all hold the catalog's
// columns can be read by a plain glob; only a lake with older files lacking a newer column
// (e.g. written before `outcome` existed) needs DuckDB's `union_by_name`, which reads every
// file's footer each time a query binds the view: ~0.1 ms a file, on every query. With the
// ledger, a file's footer is read once, when it is first seen.
import fs from 'node:fs/promises';
import path from 'node:path';
import { tempNameFor } from '../keys.js';
import type { ParquetFile } from './table-files.js';

/** Reads the top-level column names of the given files (their footers). */
export type ColumnReader = (paths: string[]) => Promise<Map<string, string[]>>;

interface LedgerFile {
  version: 1;
  /** Distinct column lists, shared by the files that have them. */
  columnSets: string[][];
  /** Path relative to the lake → [size, mtimeMs, index into columnSets]. */
  files: Record<string, [number, number, number]>;
}

const VERSION = 1;

export class ColumnLedger {
  private dirty = false;

  private constructor(
    private readonly lakeRoot: string,
    private readonly file: string,
    private readonly columnSets: string[][],
    private readonly files: Map<string, [number, number, number]>,
    private readonly readOnly: boolean,
  ) {}

  /** The lake's ledger; a missing, unreadable or older-format file starts an empty one. `readOnly`: never saved. */
  static async load(lakeRoot: string, { readOnly = false }: { readOnly?: boolean } = {}): Promise<ColumnLedger> {
    const file = path.join(lakeRoot, '.query', 'parquet-columns.json');
    try {
      const saved = JSON.parse(await fs.readFile(file, 'utf8')) as LedgerFile;
      if (saved.version === VERSION && Array.isArray(saved.columnSets) && saved.files && typeof saved.files === 'object') {
        return new ColumnLedger(lakeRoot, file, saved.columnSets, new Map(Object.entries(saved.files)), readOnly);
      }
    } catch {
      // Not there yet, or damaged: every file is read again.
    }
    return new ColumnLedger(lakeRoot, file, [], new Map(), readOnly);
  }

  private key(file: ParquetFile): string {
    return path.relative(this.lakeRoot, file.path);
  }

  private known(file: ParquetFile): string[] | undefined {
    const entry = this.files.get(this.key(file));
    if (!entry || entry[0] !== file.size || entry[1] !== file.mtimeMs) return undefined;
    return this.columnSets[entry[2]];
  }

  private remember(file: ParquetFile, columns: string[]): void {
    const signature = JSON.stringify(columns);
    let index = this.columnSets.findIndex((set) => JSON.stringify(set) === signature);
    if (index < 0) index = this.columnSets.push(columns) - 1;
    this.files.set(this.key(file), [file.size, file.mtimeMs, index]);
    this.dirty = true;
  }

  /**
   * The files (all under `folder`) that lack one of `needed`. Files not seen before are read
   * through `read`; entries of files under `folder` that no longer exist are dropped.
   */
  async lacking(folder: string, files: ParquetFile[], needed: string[], read: ColumnReader): Promise<ParquetFile[]> {
    const unseen = files.filter((f) => !this.known(f));
    if (unseen.length) {
      const columns = await read(unseen.map((f) => f.path));
      for (const file of unseen) {
        const found = columns.get(file.path);
        if (found) this.remember(file, found);
      }
    }
    this.forgetMissing(folder, files);
    return files.filter((file) => {
      const columns = this.known(file);
      return !columns || needed.some((name) => !columns.includes(name));
    });
  }

  private forgetMissing(folder: string, files: ParquetFile[]): void {
    const prefix = path.relative(this.lakeRoot, folder) + path.sep;
    const present = new Set(files.map((f) => this.key(f)));
    for (const key of this.files.keys()) {
      if (key.startsWith(prefix) && !present.has(key)) {
        this.files.delete(key);
        this.dirty = true;
      }
    }
  }

  /** Writes what changed (whole file, renamed into place). A lake that cannot be written keeps the ledger in memory. */
  async save(): Promise<void> {
    if (!this.dirty || this.readOnly) return;
    this.dirty = false;
    const used = new Map<number, number>();
    const columnSets: string[][] = [];
    const files: LedgerFile['files'] = {};
    for (const [key, [size, mtimeMs, index]] of this.files) {
      if (!used.has(index)) used.set(index, columnSets.push(this.columnSets[index]) - 1);
      files[key] = [size, mtimeMs, used.get(index)!];
    }
    const body: LedgerFile = { version: VERSION, columnSets, files };
    // Named as the lake's other temp files, so a writer killed here leaves one the next start sweeps.
    const temp = tempNameFor(this.file);
    try {
      await fs.mkdir(path.dirname(this.file), { recursive: true });
      await fs.writeFile(temp, JSON.stringify(body));
      await fs.rename(temp, this.file);
    } catch {
      await fs.rm(temp, { force: true }).catch(() => undefined);
    }
  }
}
