// The Parquet files of one catalog table, found the way the table's view glob finds them
// (`key=value/` folders, one level per partition key, then `*.parquet`), with size and mtime.
// The query service lists them before each query of the table: the sizes give the bytes the
// query may read, the identities tell the column ledger which files it has not seen yet.
import fs from 'node:fs/promises';
import path from 'node:path';

export interface ParquetFile {
  /** Absolute path. */
  path: string;
  size: number;
  mtimeMs: number;
}

/** Stats at once at most this many (a table of thousands of partitions stays quick, without exhausting file handles). */
const STAT_CONCURRENCY = 64;

async function entriesOf(dir: string) {
  try {
    return await fs.readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

/** Folders below `root` matching `k1=*` / `k2=*` … for the partition keys, in name order. */
async function partitionFolders(root: string, keys: string[]): Promise<string[]> {
  let folders = [root];
  for (const key of keys) {
    const next = await Promise.all(
      folders.map(async (folder) =>
        (await entriesOf(folder))
          .filter((e) => e.isDirectory() && e.name.startsWith(`${key}=`))
          .map((e) => path.join(folder, e.name))
          .sort(),
      ),
    );
    folders = next.flat();
  }
  return folders;
}

async function statAll(paths: string[]): Promise<ParquetFile[]> {
  const files: ParquetFile[] = [];
  for (let i = 0; i < paths.length; i += STAT_CONCURRENCY) {
    const batch = await Promise.all(
      paths.slice(i, i + STAT_CONCURRENCY).map(async (file) => {
        try {
          const stat = await fs.stat(file);
          return { path: file, size: stat.size, mtimeMs: stat.mtimeMs };
        } catch {
          return undefined; // removed while listing: a job replacing its partition
        }
      }),
    );
    for (const file of batch) if (file) files.push(file);
  }
  return files;
}

/** The table's Parquet files under `root` for the partition keys `keys` (none: files directly in `root`). */
export async function listTableFiles(root: string, keys: string[]): Promise<ParquetFile[]> {
  const folders = await partitionFolders(root, keys);
  const names = await Promise.all(
    folders.map(async (folder) =>
      (await entriesOf(folder))
        .filter((e) => e.isFile() && e.name.endsWith('.parquet'))
        .map((e) => path.join(folder, e.name))
        .sort(),
    ),
  );
  return statAll(names.flat());
}
