// Picks the backend the configuration asks for; each builds itself in one composition function
// (aws/backend.ts, local/backend.ts). Each is imported on demand: the AWS SDK alone costs a few
// hundred milliseconds of start-up that the local lake never needs.
import type { Backend } from '../core/backend.js';
import type { Config } from '../config/config.js';

type Env = Record<string, string | undefined>;

export async function createBackend(config: Config, env: Env = process.env): Promise<Backend> {
  if (config.backend === 'aws') return (await import('./aws/backend.js')).createAwsBackend(config, env);
  return (await import('./local/backend.js')).createLocalBackend(config, env);
}
