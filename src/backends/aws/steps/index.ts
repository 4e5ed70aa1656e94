// Builds the EMR steps service of a stack (only a stack names its clusters and artifacts). Kept
// apart so the EMR client is loaded only when a stack is in use.
import { EMRClient } from '@aws-sdk/client-emr';
import type { S3Client } from '@aws-sdk/client-s3';
import type { CallCounter } from '../../call-counter.js';
import { countCalls, type ClientConfig } from '../clients.js';
import { EmrStepsService } from './emr-steps.js';

export interface AwsStepsWiring {
  settings: ClientConfig;
  calls: CallCounter;
  s3: S3Client;
  stack: string;
  bucket: string;
  artifactsPrefix: string;
  readOnly: boolean;
}

export function createEmrSteps(wiring: AwsStepsWiring): { steps: EmrStepsService; close: () => void } {
  const emr = countCalls(new EMRClient(wiring.settings), wiring.calls);
  const steps = new EmrStepsService({
    emr,
    s3: wiring.s3,
    stack: wiring.stack,
    bucket: wiring.bucket,
    artifactsPrefix: wiring.artifactsPrefix,
    readOnly: wiring.readOnly,
    endpoint: wiring.settings.endpoint,
  });
  return { steps, close: () => emr.destroy() };
}
