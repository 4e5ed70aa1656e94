// `lakedeck zones ls <zone>[/prefix]` and `lakedeck preview <zone>/<key>`: the zone browser
// without the console, for scripts and for terminals without raw mode.
import type { Command } from 'commander';
import type { Backend } from '../core/backend.js';
import { positiveInteger } from './numbers.js';
import { entryJson, entryLine, previewText } from './output.js';
import { parseZonePath } from './zone-path.js';

export type WithBackend = (action: (backend: Backend) => Promise<void>) => Promise<void>;

export function registerZonesCommands(program: Command, withBackend: WithBackend): void {
  const zones = program.command('zones').description('browse the raw, trusted and refined zones');
  zones
    .command('ls')
    .description('list one level under a zone prefix (every page)')
    .argument('<path>', 'zone and optional prefix, e.g. raw/ or raw/covid_csv/')
    .option('--json', 'one JSON array of entries; each key starts with its zone, ready for `preview`')
    .action((path: string, options: { json?: boolean }) =>
      withBackend(async (backend) => {
        const { zone, key } = parseZonePath(path);
        await listAll(backend, zone, key, options.json === true);
      }),
    );

  program
    .command('preview')
    .description('show an object: CSV head as a table, Parquet schema and first rows, JSON')
    .argument('<path>', 'zone and key, e.g. raw/covid_csv/ingest_date=2020-03-06/covid_csv_20200306_000000.csv')
    .option('--rows <n>', 'rows to show', positiveInteger, 20)
    .option('--json', 'the preview as JSON')
    .action((path: string, options: { rows: number; json?: boolean }) =>
      withBackend(async (backend) => {
        const { zone, key } = parseZonePath(path);
        // The Parquet reader and its codecs are loaded by the one command that needs them.
        const { previewObject } = await import('../preview/index.js');
        const preview = await previewObject(backend.zones, zone, key, { rows: options.rows, headBytes: 256 * 1024 });
        process.stdout.write(options.json ? `${JSON.stringify(preview, null, 2)}\n` : `${previewText(preview)}\n`);
      }),
    );
}

async function listAll(backend: Backend, zone: Parameters<Backend['zones']['list']>[0], prefix: string, json: boolean): Promise<void> {
  const out = process.stdout;
  let token: string | undefined;
  let first = true;
  if (json) out.write('[');
  do {
    const page = await backend.zones.list(zone, prefix, { token, limit: 1000 });
    // One write per page: 10 000 entries are 10 writes, not 10 000.
    const chunk = json
      ? page.entries.map((e) => `${first ? ((first = false), '\n') : ',\n'}${JSON.stringify(entryJson(zone, e))}`).join('')
      : page.entries.map((e) => `${entryLine(e)}\n`).join('');
    if (chunk) out.write(chunk);
    token = page.nextToken;
  } while (token);
  if (json) out.write(first ? ']\n' : '\n]\n');
}
