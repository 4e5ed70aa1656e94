// flags > environment > config file > defaults, validated with messages that say what to fix.
import path from 'node:path';
import { LakeError } from '../core/errors.js';
import type { BackendKind } from '../core/backend.js';
import type { Config, ConfigFlags } from './config.js';
import { readConfigFile } from './file.js';
import { defaultConfigFile, defaultLake, defaultLogFile } from './paths.js';

type Env = Record<string, string | undefined>;

function fromEnv(env: Env): ConfigFlags {
  return {
    backend: env.LAKEDECK_BACKEND,
    lake: env.LAKEDECK_LAKE,
    profile: env.AWS_PROFILE,
    region: env.AWS_REGION || env.AWS_DEFAULT_REGION,
    stack: env.LAKEDECK_STACK,
    bucket: env.LAKEDECK_BUCKET,
    endpointUrl: env.AWS_ENDPOINT_URL,
    readOnly: parseBoolean(env.LAKEDECK_READ_ONLY, 'LAKEDECK_READ_ONLY'),
    logFile: env.LAKEDECK_LOG_FILE,
  };
}

function parseBoolean(value: string | undefined, name: string): boolean | undefined {
  if (value === undefined || value === '') return undefined;
  if (/^(1|true|yes|on)$/i.test(value)) return true;
  if (/^(0|false|no|off)$/i.test(value)) return false;
  throw new LakeError('config', `${name} must be true or false, got '${value}'`);
}

/** First defined value, in precedence order. */
function pick<K extends keyof ConfigFlags>(key: K, ...layers: (ConfigFlags | undefined)[]): ConfigFlags[K] {
  for (const layer of layers) {
    const value = layer?.[key];
    if (value !== undefined && value !== '') return value;
  }
  return undefined;
}

export function resolveConfig(flags: ConfigFlags, env: Env = process.env): Config {
  const envLayer = fromEnv(env);
  const explicitFile = flags.config ?? env.LAKEDECK_CONFIG;
  const configFile = explicitFile ?? defaultConfigFile(env);
  const fileLayer = readConfigFile(configFile, explicitFile !== undefined);
  const layers = [flags, envLayer, fileLayer];

  const stack = pick('stack', ...layers);
  const bucket = pick('bucket', ...layers);
  const requested = pick('backend', ...layers);
  if (requested !== undefined && requested !== 'local' && requested !== 'aws') {
    throw new LakeError('config', `Unknown backend '${requested}': use 'local' or 'aws'`);
  }
  // A stack or bucket is a request for AWS; otherwise the embedded local lake is the default.
  const backend: BackendKind = (requested as BackendKind | undefined) ?? (stack || bucket ? 'aws' : 'local');
  if (backend === 'aws' && !stack && !bucket) {
    throw new LakeError('config', 'The aws backend needs --stack NAME (a deployed lakedeck stack) or --bucket NAME');
  }
  if (bucket !== undefined && !/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) {
    throw new LakeError('config', `'${bucket}' is not a valid S3 bucket name`);
  }
  const endpoint = pick('endpointUrl', ...layers);
  if (endpoint !== undefined && !/^https?:\/\/[^\s/]+/.test(endpoint)) {
    throw new LakeError('config', `Endpoint '${endpoint}' is not an http(s) URL`);
  }
  const region = pick('region', ...layers) ?? (backend === 'aws' && endpoint ? 'us-east-1' : undefined);

  const chosenLake = pick('lake', ...layers);
  return {
    backend,
    lake: path.resolve(chosenLake ?? defaultLake(env)),
    createLake: chosenLake === undefined,
    profile: pick('profile', ...layers),
    region,
    stack,
    bucket,
    endpoint,
    readOnly: pick('readOnly', ...layers) ?? false,
    logFile: path.resolve(pick('logFile', ...layers) ?? defaultLogFile(env)),
    configFile: fileLayer ? configFile : undefined,
  };
}
