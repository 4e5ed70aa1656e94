import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { LakeError } from '../../src/core/errors.js';
import { App } from '../../src/ui/shell/app.js';
import { writeParquet } from '../support/parquet.js';
import { MemoryZoneStore } from './support/memory-store.js';
import { bigCovidCsv } from '../preview/support/big-csv.js';
import { drive, KEY, lines, memoryBackend } from './support/render.js';

afterEach(() => cleanup());

const CSV =
  'fecha reporte web,ID de caso,Código DIVIPOLA municipio,Nombre municipio,Ubicación del caso\n6/3/2020 0:00:00,1,11001,BOGOTÁ,Casa\n9/3/2020 0:00:00,2,76001,CALI,Casa\n';
const KEY_CSV = 'covid_csv/ingest_date=2024-01-15/covid_csv_20240115_093000.csv';

function lake(): MemoryZoneStore {
  return new MemoryZoneStore()
    .add('raw', KEY_CSV, CSV)
    .add('raw', 'divipola/ingest_date=2024-01-15/divipola_20240115_093000.csv', 'a\n1\n')
    .add('raw', 'covid_api/ingest_date=2024-01-15/page_0001.json', '{"id_de_caso": "1", "ciudad": "Bogotá"}');
}

async function open(store: MemoryZoneStore, ...path: string[]) {
  return openAt(100, store, ...path);
}

async function openAt(columns: number, store: MemoryZoneStore, ...path: string[]) {
  const ui = await drive(<App backend={memoryBackend(store)} />, { columns, rows: 24 });
  await ui.waitFor('refined/');
  for (const name of path) {
    const rows = ui.lastFrame().split('\n');
    const index = rows.findIndex((row) => row.includes(name));
    const cursor = rows.findIndex((row) => row.startsWith('›'));
    if (index < 0) throw new Error(`no row ${name} in\n${ui.lastFrame()}`);
    for (let i = cursor; i < index; i++) await ui.press(KEY.down);
    await ui.press(KEY.enter);
    await ui.waitFor((f) => !f.includes('loading…'), 'the listing to load');
  }
  return ui;
}

describe('Zones pane', () => {
  it('drills from a zone to a partition and shows key=value, sizes and times', async () => {
    const ui = await open(lake(), 'raw/', 'covid_csv/');
    let frame = await ui.waitFor(/› ingest_date=2024-01-15\/\s+partition\s+\S+ B\s+1 2024-01-15 09:30/);
    expect(frame).toContain('zones › raw › covid_csv');
    await ui.press(KEY.enter);
    frame = await ui.waitFor('covid_csv_20240115_093000.csv');
    expect(frame).toMatch(/covid_csv_20240115_093000\.csv\s+csv\s+\d+ B\s+2024-01-15 09:30/);
    expect(frame).toContain('row 1 of 1');
    frame = await ui.press(KEY.esc);
    expect(frame).toContain('› ingest_date=2024-01-15/');
    frame = await ui.press(KEY.esc);
    expect(frame).toMatch(/› covid_csv\//);
  });

  it('previews a CSV as a table with accented headers, scrolls sideways, and goes back to the same row', async () => {
    const ui = await open(lake(), 'raw/', 'covid_csv/', 'ingest_date=');
    await ui.press(KEY.enter);
    let frame = await ui.waitFor('Código DIVIPOLA municipio');
    expect(frame).toContain(`raw/${KEY_CSV}`);
    expect(frame).toContain('csv · ');
    expect(frame).toMatch(/fecha reporte web\s+ID de caso\s+Código DIVIPOLA municipio\s+Nombre municipio\s+Ubicación del caso/);
    expect(frame).toMatch(/9\/3\/2020 0:00:00\s+2\s+76001\s+CALI/);
    frame = await ui.press(KEY.right, KEY.right);
    expect(frame).toContain('Rows (columns 3–5 of 5)');
    expect(frame).not.toContain('fecha reporte web');
    frame = await ui.press(KEY.esc);
    expect(frame).toMatch(/› covid_csv_20240115_093000\.csv/);
  });

  it('keeps the CSV column header on screen while the rows scroll under it', async () => {
    const rows = Array.from({ length: 40 }, (_, i) => `6/3/2020 0:00:00,${i + 1},11001,BOGOTÁ,Casa`);
    const store = new MemoryZoneStore().add('raw', KEY_CSV, `${CSV.split('\n')[0]}\n${rows.join('\n')}\n`);
    const ui = await open(store, 'raw/', 'covid_csv/', 'ingest_date=');
    await ui.press(KEY.enter);
    await ui.waitFor('rows 1–', 'the preview');
    for (let i = 0; i < 10; i++) await ui.press(KEY.down);
    const frame = await ui.waitFor('rows 10–', 'the preview scrolled');
    const body = lines(frame);
    const header = body.findIndex((l) => /^fecha reporte web\s+ID de caso/.test(l));
    expect(header).toBeGreaterThan(0);
    // Right under the header: the rows scrolled to (row 1 has gone under it), not the title.
    expect(body[header + 1]).toMatch(/^6\/3\/2020 0:00:00\s+10\s+11001/);
    expect(frame).not.toMatch(/^Rows$/m);
    expect(body.length).toBeLessThanOrEqual(23);
  });

  it('previews JSON and Parquet (schema and first rows)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lakedeck-ui-'));
    const file = path.join(dir, 'part-0.parquet');
    await writeParquet("SELECT 1::BIGINT AS case_id, 'Medellín' AS municipality_name", file);
    const store = lake().add('trusted', 'cases/part-0.parquet', fs.readFileSync(file));
    const ui = await open(store, 'raw/', 'covid_api/', 'ingest_date=');
    await ui.press(KEY.enter);
    let frame = await ui.waitFor('"ciudad": "Bogotá"');
    expect(frame).toContain('Document');
    await ui.press(KEY.esc);
    await ui.press(KEY.esc, KEY.esc, KEY.esc);
    await ui.press(KEY.down, KEY.enter);
    await ui.waitFor('cases/');
    await ui.press(KEY.enter);
    await ui.waitFor('part-0.parquet');
    await ui.press(KEY.enter);
    frame = await ui.waitFor(/^Rows$/m);
    expect(frame).toContain('Schema');
    expect(frame).toContain('rows 1–1 of 1');
    expect(frame).toMatch(/case_id\s+INT64/);
    expect(frame).toContain('Medellín');
  });

  it('puts the reason of a preview error first at 80 columns, and shortens a long key in the middle', async () => {
    const key = `covid_csv/ingest_date=2024-01-15/${'very_long_partition_name_'.repeat(4)}latin1_cases.csv`;
    const store = new MemoryZoneStore().add('raw', key, Buffer.from('municipio\nBogot\xe1\n', 'latin1'));
    const ui = await openAt(80, store, 'raw/', 'covid_csv/', 'ingest_date=');
    await ui.press(KEY.enter);
    const shown = await ui.waitFor('Cannot preview', 'the preview error');
    const all = lines(shown);
    expect(all.find((l) => l.startsWith('raw/covid_csv/'))).toMatch(/^raw\/covid_csv\/ingest_date=.*….*latin1_cases\.csv/);
    // The reason is there in full (wrapped if need be), not cut after the key.
    expect(all.join(' ')).toMatch(/Cannot preview: .*not valid UTF-8/);
    for (const line of all) expect(line.length).toBeLessThanOrEqual(80);
  });

  it.each([
    ['missing bucket', new LakeError('no-bucket', 'The bucket lake-prod does not exist (check --bucket or the stack outputs)')],
    ['access denied', new LakeError('access-denied', 'Access denied listing s3://lake-prod/raw/: the credentials lack s3:ListBucket')],
    [
      'expired credentials',
      new LakeError('expired-credentials', 'The AWS credentials have expired: renew them (aws sso login, or new Academy keys)'),
    ],
    ['unreachable endpoint', new LakeError('unreachable', 'Cannot reach http://127.0.0.1:1: connection refused')],
  ])('shows a %s as a message and keeps running', async (_label, error) => {
    const store = lake();
    store.fail('list', error);
    const ui = await open(store);
    await ui.press(KEY.enter);
    let frame = await ui.waitFor(`Cannot list raw/: ${error.message}`);
    expect(frame).toContain(`ERROR ${error.message}`.slice(0, 60));
    expect(frame).toContain('r tries again · Esc goes back');
    store.fail('list', undefined);
    await ui.press('r');
    frame = await ui.waitFor('covid_csv/');
    expect(frame).not.toContain('Cannot list');
    frame = await ui.press(KEY.esc);
    expect(frame).toContain('trusted/');
  });

  it.each([
    ['a truncated CSV', 'broken.csv', Buffer.from('a,b\n1,"unterminated\n'), /not well-formed CSV/],
    ['a non-UTF-8 CSV', 'latin1.csv', Buffer.from('municipio\nBogot\xe1\n', 'latin1'), /not valid UTF-8/],
    ['a corrupt Parquet file', 'bad.parquet', Buffer.from('PAR1 this is not parquet PAR1'), /.+/],
  ])('shows %s as a preview error and goes back', async (_label, name, body, message) => {
    const store = new MemoryZoneStore().add('raw', `bad/${name}`, body);
    const ui = await open(store, 'raw/', 'bad/');
    await ui.press(KEY.enter);
    const frame = await ui.waitFor('Cannot preview:');
    const line = frame.split('\n').find((l) => l.startsWith('Cannot preview'))!;
    expect(line).toMatch(message);
    expect(frame).toContain('Esc goes back · r tries again');
    expect(await ui.press(KEY.esc)).toContain(`› ${name}`);
  });
});

describe('Zones pane preview of a 7 000-row CSV', () => {
  it('pages on through the whole object: End reaches the last row, PgUp and Home come back', async () => {
    const csv = bigCovidCsv(10, 97);
    const store = new MemoryZoneStore().add('raw', KEY_CSV, csv.text);
    const ui = await openAt(80, store, 'raw/', 'covid_csv/', 'ingest_date=');
    await ui.press(KEY.enter);
    let frame = await ui.waitFor(/rows 1–\d+ of ≥ [\d,]+/, 'the first rows, the total not known yet');
    expect(frame).toMatch(/^6\/3\/2020 0:00:00\s+1\s+2\/3\/2020/m);
    // Only the head was read: far less than the object.
    expect(store.calls.readRange).toBeLessThanOrEqual(2);
    await ui.press(KEY.end);
    frame = await ui.waitFor(/rows 6,98\d–7,000 of 7,000/, 'the last rows');
    const body = lines(frame);
    const last = body.filter((l) => /^\S+ \S+\s+\d+\s/.test(l)).at(-1)!;
    expect(last).toMatch(/^\S+ 0:00:00\s+7000\s/);
    // The header stays pinned above the last rows.
    expect(body.some((l) => l.startsWith('fecha reporte web'))).toBe(true);
    for (const line of body) expect(line.length).toBeLessThanOrEqual(80);
    await ui.press(KEY.pageUp);
    frame = await ui.waitFor(/rows 6,9[67]\d–6,9[89]\d of 7,000/, 'a page up');
    await ui.press(KEY.home);
    frame = await ui.waitFor((f) => /^6\/3\/2020 0:00:00\s+1\s/m.test(f), 'the first row again');
    expect(frame).toMatch(/rows 1–\d+ of 7,000/);
  });

  it('shows a Latin-1 row far down as a plain error, the reason in full at 80 columns', async () => {
    const good = bigCovidCsv(1).text;
    const body = Buffer.concat([Buffer.from(good), Buffer.from('6/3/2020 0:00:00,701,x,11,BOGOTA,11001,Bogot\xe1\n', 'latin1')]);
    const store = new MemoryZoneStore().add('raw', KEY_CSV, body);
    const ui = await openAt(80, store, 'raw/', 'covid_csv/', 'ingest_date=');
    await ui.press(KEY.enter);
    await ui.waitFor(/rows 1–/, 'the preview');
    await ui.press(KEY.end);
    const frame = await ui.waitFor('Cannot read these rows', 'the error');
    expect(lines(frame).join(' ')).toMatch(/Cannot read these rows: this object is not valid UTF-8 \(byte \d+\): is it Latin-1 encoded\?/);
    // The wrapped reason takes the place of rows: the title and the column header are still there.
    expect(lines(frame).some((l) => l.startsWith('raw/covid_csv/'))).toBe(true);
    expect(frame).toMatch(/^fecha reporte web\s+ID de caso/m);
    for (const line of lines(frame)) expect(line.length).toBeLessThanOrEqual(80);
  });
});

describe('Zones pane with 100 000 objects under one prefix', () => {
  it('lists page by page as the cursor nears the end, never everything up front', async () => {
    const store = new MemoryZoneStore().addMany('raw', 'big/', 100_000);
    const ui = await open(store, 'raw/', 'big/');
    let frame = await ui.waitFor('file-000001.csv');
    expect(frame).toContain('row 1 of 1,000+');
    const pages = () => store.listed.filter((l) => l.prefix === 'big/').map((l) => l.token);
    expect(pages()).toEqual([undefined]);
    // G then k in one chunk: to the last loaded row, and one up, which stops the paging on.
    ui.send('Gk');
    frame = await ui.waitFor('row 999 of 2,000+');
    expect(pages()).toEqual([undefined, '1000']);
    expect(frame).toMatch(/› file-000999\.csv/);
    for (let i = 0; i < 5; i++) await ui.press(KEY.pageDown);
    frame = ui.lastFrame();
    expect(frame).toMatch(/› file-001079\.csv/);
    expect(frame).toContain('row 1,079 of 2,000+');
    expect(pages()).toEqual([undefined, '1000']);
    await ui.press('g');
    expect(ui.lastFrame()).toMatch(/› file-000001\.csv/);
  });

  it('keeps paging while a filter matches nothing loaded yet, until the screen fills', async () => {
    const store = new MemoryZoneStore().addMany('raw', 'big/', 100_000);
    const ui = await open(store, 'raw/', 'big/');
    await ui.press('/');
    await ui.press('0', '0', '3', '4', '5', KEY.enter);
    const frame = await ui.waitFor(/file-003459\.csv[\s\S]*rows match "00345"/);
    expect(frame).toContain('/ 00345');
    expect(frame).toMatch(/› file-000345\.csv/);
    const pages = store.listed.filter((l) => l.prefix === 'big/').length;
    expect(pages).toBeGreaterThanOrEqual(4);
    expect(pages).toBeLessThan(100);
  });

  it('goes to the real end with End, paging on in the background and saying how far it got', async () => {
    const store = new MemoryZoneStore().addMany('raw', 'big/', 12_000);
    const ui = await open(store, 'raw/', 'big/');
    await ui.press('G');
    const frame = await ui.waitFor('row 12,000 of 12,000', 'the last of the 12 000 rows');
    expect(frame).toMatch(/› file-012000\.csv|› file-011999\.csv/);
    const pages = store.listed.filter((l) => l.prefix === 'big/').length;
    expect(pages).toBeGreaterThanOrEqual(12);
    // A move stops it: k goes one row up from the end.
    expect(await ui.press('k')).toContain('row 11,999 of 12,000');
  });

  it('summarizes only the prefixes on screen', async () => {
    const store = new MemoryZoneStore();
    for (let i = 0; i < 60; i++) store.add('raw', `source_${String(i).padStart(2, '0')}/x.csv`, 'a\n');
    const ui = await open(store, 'raw/');
    await ui.waitFor((f) => /source_16\/\s+folder\s+2 B/.test(f), 'summaries of the visible rows');
    expect(store.calls.summarize).toBeLessThanOrEqual(3 + 17);
    expect(ui.lastFrame()).not.toContain('source_17');
  });
});

describe('keys typed ahead', () => {
  it('acts on every key of one input chunk in order (fast typing, or keys batched over SSH)', async () => {
    const store = new MemoryZoneStore().add('raw', 'a/x.csv', 'a\n').add('raw', 'b/y.csv', 'a\n').add('raw', 'c/z.csv', 'a\n');
    const ui = await open(store, 'raw/');
    await ui.waitFor('c/');
    ui.send(`${KEY.down}${KEY.down}\r`);
    let frame = await ui.waitFor((f) => f.includes('zones › raw › c') && f.includes('› z.csv'), 'inside c/');
    expect(frame).not.toContain('y.csv');
    // Enter twice in one chunk: the second belongs to a listing not loaded yet, and is dropped.
    const two = await open(new MemoryZoneStore().add('raw', 'a/x.csv', 'a\n').add('raw', 'b/y.csv', 'a\n'), 'raw/');
    two.send('\r\r');
    await two.waitFor('› x.csv');
    const up = await two.press(KEY.esc);
    expect(up).toMatch(/zones › raw\s/);
    expect(up).toMatch(/› a\/[\s\S]*b\//);
    ui.send(`\r${KEY.esc}`);
    frame = await ui.waitFor((f) => f.includes('› z.csv') && !f.includes('Cannot'), 'back on the object after Enter+Esc');
    expect(frame).toContain('zones › raw › c');
  });

  it('acts on each letter of one chunk ("jj", as tmux send-keys writes it), and types a chunk into the filter as text', async () => {
    const store = new MemoryZoneStore().add('raw', 'a/x.csv', 'a\n').add('raw', 'b/y.csv', 'a\n').add('raw', 'c/z.csv', 'a\n');
    const ui = await open(store, 'raw/');
    await ui.waitFor('c/');
    ui.send('jj');
    let frame = await ui.waitFor('row 3 of 3', 'the cursor two rows down');
    expect(frame).toMatch(/› c\//);
    ui.send('kl');
    frame = await ui.waitFor('zones › raw › b', 'b/ opened by l after k');
    // A filter takes the chunk as typed text (q and j are letters there, not quit and down).
    ui.send('/yq');
    frame = await ui.waitFor('/ yq', 'the filter text');
    expect(frame).toContain('no loaded row matches "yq"');
    // An escape sequence inside a chunk stays one key: Esc closes the filter, ↑ is not Esc+[A.
    ui.send(`${KEY.esc}`);
    await ui.waitFor('› y.csv');
    ui.send(`h${KEY.down}${KEY.down}`);
    frame = await ui.waitFor((f) => f.includes('zones › raw ') && f.includes('row 3 of 3'), 'back in raw, on c/');
  });
});
