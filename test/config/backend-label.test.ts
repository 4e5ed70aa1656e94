import { describe, expect, it } from 'vitest';
import { backendLabel } from '../../src/backends/label.js';
import type { Config } from '../../src/config/config.js';

const base: Config = { backend: 'local', lake: '/data/lake', readOnly: false, logFile: '/tmp/l.log' };

describe('backend label in the header', () => {
  it('names the local lake folder', () => {
    expect(backendLabel(base)).toBe('local /data/lake');
  });

  it('names profile, region, stack and, once known, the bucket on aws', () => {
    const aws: Config = { ...base, backend: 'aws', profile: 'lab', region: 'us-east-1', stack: 'lakedeck' };
    expect(backendLabel(aws)).toBe('aws profile lab · us-east-1 · stack lakedeck');
    expect(backendLabel(aws, 'lake-123')).toBe('aws profile lab · us-east-1 · stack lakedeck · s3://lake-123');
    expect(backendLabel({ ...base, backend: 'aws', bucket: 'b', endpoint: 'http://127.0.0.1:5000' })).toBe(
      'aws s3://b (http://127.0.0.1:5000)',
    );
  });
});
