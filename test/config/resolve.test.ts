import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config/resolve.js';

const home = mkdtempSync(path.join(os.tmpdir(), 'lakedeck-config-'));
// An environment with no real config file and XDG paths inside the temp folder.
const baseEnv = {
  XDG_CONFIG_HOME: path.join(home, 'config'),
  XDG_DATA_HOME: path.join(home, 'data'),
  XDG_STATE_HOME: path.join(home, 'state'),
};

function configFile(content: unknown): string {
  const file = path.join(home, `config-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

describe('resolveConfig', () => {
  it('defaults to the local backend under the XDG data folder', () => {
    const config = resolveConfig({}, baseEnv);
    expect(config.backend).toBe('local');
    expect(config.lake).toBe(path.join(home, 'data', 'lakedeck', 'lake'));
    expect(config.logFile).toBe(path.join(home, 'state', 'lakedeck', 'lakedeck.log'));
    expect(config.readOnly).toBe(false);
  });

  it('takes flags over env over config file', () => {
    const file = configFile({ lake: '/from-file', region: 'eu-west-1', readOnly: true });
    const env = { ...baseEnv, LAKEDECK_CONFIG: file, LAKEDECK_LAKE: '/from-env' };
    expect(resolveConfig({}, env).lake).toBe('/from-env');
    expect(resolveConfig({ lake: '/from-flag' }, env).lake).toBe('/from-flag');
    expect(resolveConfig({}, env).readOnly).toBe(true);
    expect(resolveConfig({}, { ...env, LAKEDECK_READ_ONLY: 'false' }).readOnly).toBe(false);
    expect(resolveConfig({}, { ...env, LAKEDECK_LAKE: undefined }).lake).toBe('/from-file');
  });

  it('chooses aws when a stack or bucket is given, and honours AWS_ENDPOINT_URL', () => {
    const config = resolveConfig({ stack: 'lakedeck-dev' }, { ...baseEnv, AWS_ENDPOINT_URL: 'http://127.0.0.1:5000', AWS_PROFILE: 'lab' });
    expect(config.backend).toBe('aws');
    expect(config.stack).toBe('lakedeck-dev');
    expect(config.endpoint).toBe('http://127.0.0.1:5000');
    expect(config.profile).toBe('lab');
    expect(config.region).toBe('us-east-1');
    expect(resolveConfig({ bucket: 'my-lake' }, baseEnv).backend).toBe('aws');
  });

  it.each([
    [{ backend: 'gcp' }, {}, /Unknown backend 'gcp'/],
    [{ backend: 'aws' }, {}, /needs --stack NAME .* or --bucket NAME/],
    [{ bucket: 'Bad_Bucket' }, {}, /not a valid S3 bucket name/],
    [{ bucket: 'ok-bucket', endpointUrl: 'localhost:5000' }, {}, /not an http\(s\) URL/],
    [{}, { LAKEDECK_READ_ONLY: 'maybe' }, /LAKEDECK_READ_ONLY must be true or false/],
  ])('rejects %j %j with a clear message', (flags, env, message) => {
    expect(() => resolveConfig(flags, { ...baseEnv, ...env })).toThrow(message);
  });

  it('reports config file problems by file and key', () => {
    expect(() => resolveConfig({ config: path.join(home, 'missing.json') }, baseEnv)).toThrow(/Cannot read config file/);
    expect(() => resolveConfig({ config: configFile('{not json') }, baseEnv)).toThrow(/is not valid JSON/);
    expect(() => resolveConfig({ config: configFile({ lake: 3 }) }, baseEnv)).toThrow(/'lake' must be a string/);
    expect(() => resolveConfig({ config: configFile({ colour: 'red' }) }, baseEnv)).toThrow(/unknown setting 'colour'/);
  });
});
