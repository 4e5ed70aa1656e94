// Which tables each job writes, as lock groups: two steps of the same group on one lake would
// overwrite each other's partitions, so the second is refused.
import type { StepJob } from '../../../core/steps.js';

export const WRITE_GROUP: Record<StepJob, { group: string; tables: string }> = {
  etl: { group: 'trusted', tables: 'trusted covid_cases, covid_cases_rejects, municipalities, departments' },
  analytics: { group: 'refined-analytics', tables: 'the refined analytics tables' },
  ml: { group: 'refined-ml', tables: 'refined ml_fatality_metrics and ml_fatality_model' },
};
