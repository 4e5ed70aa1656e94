// Runs a subcommand's action with a backend built from the global options, turning LakeErrors
// into one plain line on stderr and an exit code (2: configuration, 1: anything else).
import type { Command } from 'commander';
import { createBackend } from '../backends/index.js';
import type { Config, ConfigFlags } from '../config/config.js';
import { resolveConfig } from '../config/resolve.js';
import type { Backend } from '../core/backend.js';
import { errorMessage, LakeError } from '../core/errors.js';

export function configFrom(program: Command): Config {
  return resolveConfig(program.opts<ConfigFlags>());
}

export function reportAndExit(error: unknown): never {
  process.stderr.write(`lakedeck: ${errorMessage(error)}\n`);
  process.exit(error instanceof LakeError && error.code === 'config' ? 2 : 1);
}

export function backendRunner(program: Command) {
  return async (action: (backend: Backend, config: Config) => Promise<void>): Promise<void> => {
    let backend: Backend | undefined;
    try {
      const config = configFrom(program);
      backend = await createBackend(config);
      await action(backend, config);
    } catch (error) {
      await backend?.close().catch(() => {});
      reportAndExit(error);
    }
    await backend?.close();
  };
}
