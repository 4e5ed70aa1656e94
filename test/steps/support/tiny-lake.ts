// A tiny local lake for the steps tests: the real 700-row portal sample and the two reference
// extracts laid out in the raw zone the way ingestion lands them.
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const FIXTURES = path.resolve('spark/tests/fixtures');
const FILES = {
  covid_csv: 'covid_casos_sample_700.csv',
  divipola: 'divipola_municipios.csv',
  departments: 'departamentos_poblacion.csv',
} as const;

export type RawSource = keyof typeof FILES;

export function tinyLake(sources: RawSource[] = ['covid_csv', 'divipola', 'departments']): string {
  const lake = mkdtempSync(path.join(os.tmpdir(), 'lakedeck-steps-'));
  for (const zone of ['raw', 'trusted', 'refined']) mkdirSync(path.join(lake, zone));
  for (const source of sources) putRaw(lake, source, path.join(FIXTURES, FILES[source]));
  return lake;
}

export function putRaw(lake: string, source: string, file: string | { content: string }): void {
  const folder = path.join(lake, 'raw', source, 'ingest_date=2026-11-28');
  mkdirSync(folder, { recursive: true });
  const target = path.join(folder, `${source}_20261128_060000.csv`);
  if (typeof file === 'string') copyFileSync(file, target);
  else writeFileSync(target, file.content);
}

/** Spark settings that keep a tiny lake quick on a small machine; results do not depend on them. */
export const QUICK_SPARK = {
  master: 'local[2]',
  conf: { 'spark.sql.shuffle.partitions': '4' },
  driverJavaOptions: '-XX:TieredStopAtLevel=1',
};
