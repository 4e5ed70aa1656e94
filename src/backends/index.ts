// Picks the backend the configuration asks for. Each is imported on demand: the AWS SDK alone
// costs a few hundred milliseconds of start-up that the local lake never needs.
import type { Backend } from '../core/backend.js';
import type { Config } from '../config/config.js';

export async function createBackend(config: Config): Promise<Backend> {
  if (config.backend === 'aws') {
    const [{ createAwsBackend }, { withAwsIngestion }] = await Promise.all([import('./aws/backend.js'), import('./aws/ingestion.js')]);
    return withAwsIngestion(await createAwsBackend(config), config);
  }
  const [{ createLocalBackend }, { withLocalIngestion }, { withLocalSteps }] = await Promise.all([
    import('./local/backend.js'),
    import('./local/ingestion.js'),
    import('./local/steps/index.js'),
  ]);
  return withLocalSteps(withLocalIngestion(await createLocalBackend(config), config), config);
}
