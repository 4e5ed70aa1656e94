// Picks the backend the configuration asks for. Each is imported on demand: the AWS SDK alone
// costs a few hundred milliseconds of start-up that the local lake never needs.
import type { Backend } from '../core/backend.js';
import type { Config } from '../config/config.js';

export async function createBackend(config: Config): Promise<Backend> {
  if (config.backend === 'aws') {
    const { createAwsBackend } = await import('./aws/backend.js');
    return createAwsBackend(config);
  }
  const { createLocalBackend } = await import('./local/backend.js');
  return createLocalBackend(config);
}
