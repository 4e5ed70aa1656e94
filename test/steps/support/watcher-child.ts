// A console stand-in that starts an ETL step and then waits to be killed: the steps test kills it
// mid-step to check that the next open calls the orphaned step INTERRUPTED.
import { LocalStepsService } from '../../../src/backends/local/steps/local-steps.js';

const [lake, master, partitions] = process.argv.slice(2);
const service = new LocalStepsService({ lake, readOnly: false, master, conf: { 'spark.sql.shuffle.partitions': partitions } });
const step = await service.run({ job: 'etl', runDate: 'all' });
process.stdout.write(`${step.id}\n`);
setInterval(() => {}, 60_000);
