// How the header names a backend. Known from the configuration alone (the console shows it while
// the backend is still opening), except a bucket that only the stack's outputs can name.
import type { Config } from '../config/config.js';

export function backendLabel(config: Config, bucket: string | undefined = config.bucket): string {
  if (config.backend !== 'aws') return `local ${config.lake}`;
  const parts = [
    config.profile && `profile ${config.profile}`,
    config.region,
    config.stack && `stack ${config.stack}`,
    bucket && `s3://${bucket}`,
  ];
  return `aws ${parts.filter(Boolean).join(' · ')}${config.endpoint ? ` (${config.endpoint})` : ''}`;
}
