// `lakedeck init [--lake DIR]`: the one way to create a local lake somewhere other than the
// default (a --lake typo elsewhere is an error, not a new lake), landing the bundled sample data
// in it when it is empty.
import type { Command } from 'commander';
import { LakeError } from '../core/errors.js';
import { runLine } from './ingest-output.js';
import type { BackendRunner } from './run-command.js';

export function registerInitCommand(program: Command, withBackend: BackendRunner, stdout: NodeJS.WritableStream = process.stdout): void {
  program
    .command('init')
    .description('create the local lake (--lake DIR, or the default) and land the bundled sample data in it when empty')
    .action(() =>
      withBackend(
        async (backend) => {
          if (backend.kind !== 'local')
            throw new LakeError('config', "'lakedeck init' creates a local lake: drop --stack/--bucket/--backend aws");
          stdout.write(`lakedeck: lake ready at ${backend.zones.location}\n`);
          const runs = await backend.ingestion!.history(10);
          for (const run of runs.slice().reverse()) stdout.write(`${runLine(run)}\n`);
        },
        { seed: 'wait', createLake: true },
      ),
    );
}
