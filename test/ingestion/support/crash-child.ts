// Run in a separate process by crash.test.ts: ingests covid_csv from a URL into a local lake and
// prints its progress, until the test kills it with SIGKILL mid-write.
import { LocalZoneStore } from '../../../src/backends/local/zone-store.js';
import { serviceOver } from './lake.js';

const [lake, url] = process.argv.slice(2);
const service = serviceOver(new LocalZoneStore(lake), { covidCsvUrl: url });
await service.run('covid_csv', {
  onProgress: (p) => process.stdout.write(`${p.phase} ${p.bytes}\n`),
});
process.stdout.write('finished\n');
