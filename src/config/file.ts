// Reads the optional JSON config file. Unknown keys and wrong types are errors, not surprises.
import { readFileSync } from 'node:fs';
import { LakeError } from '../core/errors.js';
import type { ConfigFlags } from './config.js';

const STRING_KEYS = ['backend', 'lake', 'profile', 'region', 'stack', 'bucket', 'endpointUrl', 'logFile'] as const;

export function readConfigFile(file: string, mustExist: boolean): ConfigFlags | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && !mustExist) return undefined;
    throw new LakeError('config', `Cannot read config file ${file}: ${(error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new LakeError('config', `Config file ${file} is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new LakeError('config', `Config file ${file} must hold a JSON object`);
  }
  const result: ConfigFlags = {};
  for (const [key, value] of Object.entries(parsed)) {
    if ((STRING_KEYS as readonly string[]).includes(key)) {
      if (typeof value !== 'string') throw new LakeError('config', `Config file ${file}: '${key}' must be a string`);
      result[key as (typeof STRING_KEYS)[number]] = value;
    } else if (key === 'readOnly') {
      if (typeof value !== 'boolean') throw new LakeError('config', `Config file ${file}: 'readOnly' must be true or false`);
      result.readOnly = value;
    } else {
      throw new LakeError('config', `Config file ${file}: unknown setting '${key}' (known: ${[...STRING_KEYS, 'readOnly'].join(', ')})`);
    }
  }
  return result;
}
