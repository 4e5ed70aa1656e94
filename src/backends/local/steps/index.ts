// Adds the local steps service to a local backend (its records live with the lake).
import type { Backend } from '../../../core/backend.js';
import type { Config } from '../../../config/config.js';
import { LocalStepsService } from './local-steps.js';

export function withLocalSteps(backend: Backend, config: Config): Backend {
  return { ...backend, steps: new LocalStepsService({ lake: config.lake, readOnly: backend.readOnly }) };
}
