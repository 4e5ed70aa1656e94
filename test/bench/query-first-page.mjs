// One measurement of the Query pane's first page in a fresh process (so its RSS is the console's
// and nothing of another measurement is resident): open the local query service over a lake, run
// one statement, read its first page of 200 rows; print the time and the process RSS as JSON.
//   node --expose-gc test/bench/query-first-page.mjs SERVICE_MODULE LAKE plain|translated
// `plain` runs a statement both engines read alike (the translator stays unloaded); `translated`
// starts the translator first with a named-query statement, then runs the bench's older
// DuckDB-generated statement (the figure the first measurement took).
import { readdirSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** RSS of this process's children (the translator runs in one), from /proc; 0 where there is none. */
function childrenRssMb() {
  let kb = 0;
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      if (Number(/^PPid:\s+(\d+)/m.exec(status)?.[1]) !== process.pid) continue;
      kb += Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0);
    } catch {
      // ended while reading
    }
  }
  return kb / 1024;
}

const [modulePath, lake, mode] = process.argv.slice(2);
const { DuckDbQueryService } = await import(pathToFileURL(modulePath).href);
const service = await DuckDbQueryService.open(lake);

async function first(sql) {
  const t0 = performance.now();
  const id = await service.start(sql);
  const status = await service.wait(id);
  if (status.state !== 'SUCCEEDED') throw new Error(status.error);
  const page = await service.results(id, undefined, 200);
  return { ms: performance.now() - t0, rows: page.rows.length };
}

let sql;
if (mode === 'translated') {
  await first("SELECT date_trunc('week', report_date) AS week, count(*) FROM covid_cases GROUP BY 1");
  sql = 'SELECT range AS n, range * 2 AS doubled, md5(range::VARCHAR) AS label FROM range(1000000)';
} else {
  // About a million rows of the lake's case table; on a small lake, its cases against each other and the departments.
  const id = await service.start('SELECT count(*) FROM covid_cases');
  await service.wait(id);
  const cases = Number((await service.results(id)).rows[0][0]);
  sql =
    cases >= 1_000_000
      ? // No LIMIT: DuckDB gathers a large LIMIT's rows before giving the first (its limit operator is a sink).
        `SELECT case_id, department_name, municipality_name, age_years, sex, report_date FROM covid_cases WHERE case_id % ${Math.round(cases / 1_000_000)} = 0`
      : 'SELECT a.case_id, b.case_id AS other_case, a.municipality_name, d.department_name FROM covid_cases a CROSS JOIN covid_cases b CROSS JOIN departments d LIMIT 1000000';
}
const measured = await first(sql);
globalThis.gc?.();
const rss = process.memoryUsage().rss / 2 ** 20;
const childrenMb = childrenRssMb();
await service.close();
console.log(JSON.stringify({ mode, sql, ms: measured.ms, rows: measured.rows, rssMb: rss, childrenMb }));
