// Per-user default locations, following the XDG base directory convention.
import os from 'node:os';
import path from 'node:path';

type Env = Record<string, string | undefined>;

export function dataHome(env: Env): string {
  return env.XDG_DATA_HOME || path.join(os.homedir(), '.local', 'share');
}

export function configHome(env: Env): string {
  return env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config');
}

export function stateHome(env: Env): string {
  return env.XDG_STATE_HOME || path.join(os.homedir(), '.local', 'state');
}

export const defaultLake = (env: Env): string => path.join(dataHome(env), 'lakedeck', 'lake');
export const defaultConfigFile = (env: Env): string => path.join(configHome(env), 'lakedeck', 'config.json');
export const defaultLogFile = (env: Env): string => path.join(stateHome(env), 'lakedeck', 'lakedeck.log');
