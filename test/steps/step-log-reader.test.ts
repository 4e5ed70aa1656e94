// The step log follower: metric lines and the UI port read from the bytes appended since the last
// read, a line written in two pieces (even mid-character) counted once, a replaced file read anew.
import { appendFileSync, mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { StepLogReader } from '../../src/backends/local/steps/step-log-reader.js';

const metric = (table: string, rows: number) => `LAKEDECK_METRIC {"job": "etl", "table": "${table}", "rows_read": ${rows}}\n`;

describe('StepLogReader', () => {
  it('follows a growing log: metrics in order, the bound UI port, a line split across writes and characters', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lakedeck-log-reader-'));
    const file = path.join(dir, 'step.log');
    const reader = new StepLogReader();
    expect(await reader.read(file)).toEqual({ metrics: [] });

    writeFileSync(file, `WARN something\nINFO Utils: Successfully started service 'SparkUI' on port 4057.\n${metric('a', 1)}`);
    expect(await reader.read(file)).toEqual({ metrics: [{ job: 'etl', table: 'a', rows_read: 1 }], uiPort: 4057 });

    // A line cut inside the two bytes of 'é': nothing new yet, then the whole line.
    const line = Buffer.from(metric('café', 2));
    const cut = line.indexOf(Buffer.from('é')) + 1;
    appendFileSync(file, line.subarray(0, cut));
    expect((await reader.read(file)).metrics).toHaveLength(1);
    appendFileSync(file, line.subarray(cut));
    const state = await reader.read(file);
    expect(state.metrics.map((m) => m.table)).toEqual(['a', 'café']);
    expect(state.uiPort).toBe(4057);

    // A last line without its newline still counts; it is not counted twice once the newline comes.
    appendFileSync(file, metric('b', 3).trimEnd());
    expect((await reader.read(file)).metrics.map((m) => m.table)).toEqual(['a', 'café', 'b']);
    appendFileSync(file, '\n');
    expect((await reader.read(file)).metrics.map((m) => m.table)).toEqual(['a', 'café', 'b']);

    // Another file put in its place (a new inode) is read from its start.
    const other = path.join(dir, 'other.log');
    writeFileSync(other, metric('c', 4));
    renameSync(other, file);
    expect(await reader.read(file)).toEqual({ metrics: [{ job: 'etl', table: 'c', rows_read: 4 }], uiPort: undefined });
  });
});
