// Waiting for a query through the port: the engine's own wait where it has one (local), else status
// polled with a doubling back-off (a long Athena query costs few calls), and every page read in turn.
import { FINISHED_STATES, QueryFailed, type QueryService, type QueryStatus, type ResultPage } from './query.js';

export const FIRST_WAIT_MS = 25;
export const MAX_WAIT_MS = 2_000;

export type Sleep = (ms: number) => Promise<void>;

export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The finished status; QueryFailed (with the engine's message) when it did not succeed. */
export async function waitForQuery(service: QueryService, id: string, sleep: Sleep = realSleep): Promise<QueryStatus> {
  let delay = FIRST_WAIT_MS;
  for (;;) {
    const status = service.wait ? await service.wait(id) : await service.status(id);
    if (FINISHED_STATES.has(status.state)) {
      if (status.state !== 'SUCCEEDED')
        throw new QueryFailed(status.state, status.error ?? `the query ended ${status.state}`, status.stoppedByCutoff);
      return status;
    }
    await sleep(delay);
    delay = Math.min(delay * 2, MAX_WAIT_MS);
  }
}

/** Every page of a succeeded query, one at a time (never the whole result in memory). */
export async function* resultPages(service: QueryService, id: string, pageSize = 1000): AsyncGenerator<ResultPage> {
  let token: string | undefined;
  do {
    const page = await service.results(id, token, pageSize);
    yield page;
    token = page.nextToken;
  } while (token);
}
