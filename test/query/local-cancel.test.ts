// Cancel on the local engine really stops DuckDB (connection interrupt): `cancel` returns once the
// query has ended, long before the query could have finished, and the engine answers the next one.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DuckDbQueryService } from '../../src/backends/local/query/duckdb-query-service.js';

let service: DuckDbQueryService;
beforeAll(async () => {
  service = await DuckDbQueryService.open('test/fixtures/query-lake');
}, 60_000);
afterAll(() => service.close());

it('interrupts a long query; the next query runs', async () => {
  // Hashing 20 billion numbers takes minutes; the test's 60 s limit fails if the interrupt does not stop it.
  const id = await service.start('SELECT sum(hash(range)) FROM range(20000000000)');
  await new Promise((resolve) => setTimeout(resolve, 1_500)); // let it reach the engine
  expect((await service.status(id)).state).toBe('RUNNING');
  await service.cancel(id);
  expect(await service.status(id)).toMatchObject({ state: 'CANCELLED', error: 'cancelled by the user' });
  await expect(service.results(id)).rejects.toThrow(/CANCELLED/);
  const next = await service.start('SELECT count(*) FROM covid_cases');
  expect((await service.wait(next)).state).toBe('SUCCEEDED');
  expect((await service.results(next)).rows).toEqual([['700']]);
}, 60_000);
