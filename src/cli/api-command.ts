// `lakedeck api ROUTE [--param k=v]…`: the query API as its clients see it. On aws a SigV4-signed
// GET on the stack's ApiUrl; on local the same routes answered by the local query service. The
// JSON body goes to stdout; a non-2xx answer exits 1 after printing it.
import type { Command } from 'commander';
import type { Backend } from '../core/backend.js';
import { LakeError } from '../core/errors.js';

export type WithBackend = (action: (backend: Backend) => Promise<void>) => Promise<void>;

/** `k=v` into a map; the value may contain `=`. */
export function parseParam(raw: string, previous: Record<string, string>): Record<string, string> {
  const at = raw.indexOf('=');
  if (at <= 0) throw new LakeError('bad-input', `--param takes key=value, got ${JSON.stringify(raw)}`);
  return { ...previous, [raw.slice(0, at)]: raw.slice(at + 1) };
}

export function registerApiCommand(program: Command, withBackend: WithBackend): void {
  program
    .command('api')
    .description('call a route of the query API (e.g. /departments/incidence); on local, answered by DuckDB')
    .argument('<route>', 'the route, e.g. /departments/05/daily')
    .option('-p, --param <key=value>', 'a query-string parameter (repeatable)', parseParam, {})
    .action((route: string, options: { param: Record<string, string> }) =>
      withBackend(async (backend) => {
        if (!backend.api)
          throw new LakeError('config', 'no query API here: on aws, give --stack NAME of a stack with an ApiUrl output (and a region)');
        const response = await backend.api.get(route, options.param);
        process.stdout.write(`${JSON.stringify(response.body, null, 2)}\n`);
        if (response.status < 200 || response.status > 299) {
          process.stderr.write(`lakedeck: ${backend.api.location} answered ${response.status}\n`);
          process.exitCode = 1;
        }
      }),
    );
}
