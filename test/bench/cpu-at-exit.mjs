// Loaded with `node --import` into a process a bench measures: writes the process's own CPU time
// (user + system, its children not included) to $LAKEDECK_BENCH_CPU_FILE as it exits, so the last
// moments of a run (recording metrics, closing) count as fully as the rest.
import { writeFileSync } from 'node:fs';

const file = process.env.LAKEDECK_BENCH_CPU_FILE;
if (file) {
  process.on('exit', () => {
    const { user, system } = process.cpuUsage();
    writeFileSync(file, String((user + system) / 1e6));
  });
}
