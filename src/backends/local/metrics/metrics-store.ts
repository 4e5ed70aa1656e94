// The local metrics store: the points local runs record and the alarms' last states, in DuckDB
// tables in one file with the lake (<lake>/.metrics/metrics.duckdb). DuckDB lets one process at a
// time open a file for writing, and the console and a CLI run may both record: each operation
// opens, works and closes, queued within this process and retried for a moment when another
// process holds the file. Recording does not open it: points go to a spool (pending-points.ts), so
// a command that records as it exits (`ingest`, `steps run`) never loads DuckDB; they are read
// alongside the stored ones at once, and folded in by the next opening for writing (a Metrics read
// folds first), once each (the files folded are named in the store in the same transaction).
// Points older than the retention are deleted as spooled ones are folded in.
import { promises as fs, existsSync } from 'node:fs';
import path from 'node:path';
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { LakeError } from '../../../core/errors.js';
import type { AlarmStateValue, MetricKey, MetricPoint, RecordedPoint } from '../../../core/metrics.js';
import { PendingPoints, type PendingFile } from './pending-points.js';

/** Longer than the longest range the console shows (30 days). */
export const RETENTION_DAYS = 35;
const LOCK_RETRIES = 40;
const LOCK_PAUSE_MS = 50;

const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS points (namespace VARCHAR NOT NULL, name VARCHAR NOT NULL, dimensions VARCHAR NOT NULL,
     unit VARCHAR NOT NULL, at_ms BIGINT NOT NULL, value DOUBLE NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS alarm_states (name VARCHAR PRIMARY KEY, state VARCHAR NOT NULL, reason VARCHAR, updated_ms BIGINT NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS folded_spools (name VARCHAR PRIMARY KEY, at_ms BIGINT NOT NULL)`,
];

export interface StoredAlarmState {
  name: string;
  state: AlarmStateValue;
  reason?: string;
  updatedAt: Date;
}

/** Dimensions as one comparable text: keys sorted. */
export const dimensionsKey = (dimensions: Record<string, string>): string =>
  JSON.stringify(Object.fromEntries(Object.entries(dimensions).sort(([a], [b]) => a.localeCompare(b))));

const QUEUES = new Map<string, Promise<unknown>>();

export class MetricsStore {
  readonly file: string;
  private readonly pending: PendingPoints;

  constructor(
    lake: string,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.file = path.join(lake, '.metrics', 'metrics.duckdb');
    this.pending = new PendingPoints(path.join(lake, '.metrics', 'pending'));
  }

  /** Records points without loading the engine: they wait in the spool for the next writer. */
  async record(points: RecordedPoint[]): Promise<void> {
    if (points.length === 0) return;
    await this.pending.add(points);
  }

  /** Folds the spool into the store now, when it holds anything (a writer's open does it). */
  async foldPending(): Promise<void> {
    if ((await this.pending.list()).length === 0) return;
    await this.open('write', async () => {});
  }

  /** Every point of these series from `since` on, per series in the order asked. */
  async points(keys: MetricKey[], since: Date): Promise<MetricPoint[][]> {
    if (keys.length === 0) return [];
    const spooled = await this.pending.list();
    const stored = await this.open('read', async (db) => {
      const reader = await db.runAndReadAll(
        'SELECT namespace, name, dimensions, at_ms, value FROM points WHERE at_ms >= ? ORDER BY at_ms',
        [BigInt(since.getTime())],
      );
      const rows = reader.getRowObjectsJS() as { namespace: string; name: string; dimensions: string; at_ms: bigint; value: number }[];
      return { rows, folded: spooled.length > 0 ? await foldedNames(db) : new Set<string>() };
    });
    const index = new Map<string, number>();
    keys.forEach((key, i) => index.set(`${key.namespace}\u0000${key.name}\u0000${dimensionsKey(key.dimensions)}`, i));
    const series: MetricPoint[][] = keys.map(() => []);
    for (const row of stored?.rows ?? []) {
      const i = index.get(`${row.namespace}\u0000${row.name}\u0000${row.dimensions}`);
      if (i !== undefined) series[i].push({ at: new Date(Number(row.at_ms)), value: row.value });
    }
    // Spooled points no writer has folded in yet.
    const unfolded = spooled.filter((file) => !stored?.folded.has(file.name));
    for (const point of unfolded.flatMap((file) => file.points)) {
      const i = index.get(`${point.namespace}\u0000${point.name}\u0000${dimensionsKey(point.dimensions)}`);
      if (i !== undefined && point.at.getTime() >= since.getTime()) series[i].push({ at: point.at, value: point.value });
    }
    if (unfolded.length > 0) for (const points of series) points.sort((a, b) => a.at.getTime() - b.at.getTime());
    return series;
  }

  async alarmStates(): Promise<StoredAlarmState[]> {
    const rows = await this.open('read', async (db) => {
      const reader = await db.runAndReadAll('SELECT name, state, reason, updated_ms FROM alarm_states');
      return reader.getRowObjectsJS() as { name: string; state: AlarmStateValue; reason: string | null; updated_ms: bigint }[];
    });
    return (rows ?? []).map((row) => ({
      name: row.name,
      state: row.state,
      reason: row.reason ?? undefined,
      updatedAt: new Date(Number(row.updated_ms)),
    }));
  }

  /** Writes the states that changed (the time of a change is what the console shows). */
  async saveAlarmStates(states: StoredAlarmState[]): Promise<void> {
    if (states.length === 0) return;
    await this.open('write', async (db) => {
      for (const s of states) {
        await db.run('INSERT OR REPLACE INTO alarm_states VALUES (?, ?, ?, ?)', [
          s.name,
          s.state,
          s.reason ?? null,
          BigInt(s.updatedAt.getTime()),
        ]);
      }
    });
  }

  /** Runs `work` on an open connection; a read of a store never written returns undefined. */
  private open<T>(mode: 'read' | 'write', work: (db: DuckDBConnection) => Promise<T>): Promise<T | undefined> {
    const previous = QUEUES.get(this.file) ?? Promise.resolve();
    const next = previous.catch(() => {}).then(() => this.openNow(mode, work));
    QUEUES.set(this.file, next);
    return next;
  }

  private async openNow<T>(mode: 'read' | 'write', work: (db: DuckDBConnection) => Promise<T>): Promise<T | undefined> {
    if (mode === 'read' && !existsSync(this.file)) return undefined;
    if (mode === 'write') await fs.mkdir(path.dirname(this.file), { recursive: true });
    for (let attempt = 0; ; attempt += 1) {
      let instance: DuckDBInstance;
      try {
        // The native engine loads with the first metric read or write, not with every command.
        const { DuckDBInstance: Engine } = await import('@duckdb/node-api');
        instance = await Engine.create(this.file);
      } catch (error) {
        if (/lock/i.test((error as Error).message) && attempt < LOCK_RETRIES) {
          await new Promise((resolve) => setTimeout(resolve, LOCK_PAUSE_MS));
          continue;
        }
        throw new LakeError('unreachable', `The metrics store ${this.file} could not be opened: ${(error as Error).message}`, {
          cause: error,
        });
      }
      const connection = await instance.connect();
      try {
        for (const statement of SCHEMA) await connection.run(statement);
        if (mode === 'write') await this.fold(connection);
        return await work(connection);
      } finally {
        connection.closeSync();
        instance.closeSync();
      }
    }
  }

  /** Moves the spooled points into the store: each file once, even if its removal fails. */
  private async fold(db: DuckDBConnection): Promise<void> {
    const files = await this.pending.list();
    if (files.length === 0) return;
    const folded = await foldedNames(db);
    const fresh = files.filter((file) => !folded.has(file.name));
    if (fresh.length > 0) {
      const cutoff = BigInt(this.now().getTime() - RETENTION_DAYS * 86_400_000);
      await db.run('BEGIN TRANSACTION');
      try {
        for (const file of fresh) await foldFile(db, file, this.now());
        await db.run('DELETE FROM points WHERE at_ms < ?', [cutoff]);
        await db.run('DELETE FROM folded_spools WHERE at_ms < ?', [cutoff]);
        await db.run('COMMIT');
      } catch (error) {
        await db.run('ROLLBACK');
        throw error;
      }
    }
    await this.pending.remove(files.map((file) => file.name));
  }
}

async function insertPoints(db: DuckDBConnection, points: RecordedPoint[]): Promise<void> {
  if (points.length === 0) return;
  const values = points.map(() => '(?, ?, ?, ?, ?, ?)').join(', ');
  const params = points.flatMap((p) => [p.namespace, p.name, dimensionsKey(p.dimensions), p.unit, BigInt(p.at.getTime()), p.value]);
  await db.run(`INSERT INTO points VALUES ${values}`, params);
}

async function foldFile(db: DuckDBConnection, file: PendingFile, now: Date): Promise<void> {
  await insertPoints(db, file.points);
  await db.run('INSERT INTO folded_spools VALUES (?, ?)', [file.name, BigInt(now.getTime())]);
}

async function foldedNames(db: DuckDBConnection): Promise<Set<string>> {
  const reader = await db.runAndReadAll('SELECT name FROM folded_spools');
  return new Set((reader.getRowObjectsJS() as { name: string }[]).map((row) => row.name));
}
