// Picks the backend the configuration asks for.
import type { Backend } from '../core/backend.js';
import type { Config } from '../config/config.js';
import { createAwsBackend } from './aws/backend.js';
import { createLocalBackend } from './local/backend.js';

export async function createBackend(config: Config): Promise<Backend> {
  return config.backend === 'aws' ? createAwsBackend(config) : createLocalBackend(config);
}
