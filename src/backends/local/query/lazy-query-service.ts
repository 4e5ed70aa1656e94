// The local QueryService as the backend hands it out: DuckDB and the catalog views open on the
// first query, so commands and panes that never query pay nothing for them.
import type { CatalogTable, QueryService, QueryStatus, ResultPage } from '../../../core/query.js';
import type { DuckDbQueryService } from './duckdb-query-service.js';

export class LazyLocalQueryService implements QueryService {
  readonly engine = 'duckdb' as const;
  private opened?: Promise<DuckDbQueryService>;

  constructor(
    private readonly lakeRoot: string,
    private readonly options: { readOnly?: boolean } = {},
  ) {}

  /** The DuckDB service, opened once. */
  open(): Promise<DuckDbQueryService> {
    this.opened ??= import('./duckdb-query-service.js').then(({ DuckDbQueryService }) =>
      DuckDbQueryService.open(this.lakeRoot, this.options),
    );
    return this.opened;
  }

  async tables(): Promise<CatalogTable[]> {
    return (await this.open()).tables();
  }

  async start(sql: string): Promise<string> {
    return (await this.open()).start(sql);
  }

  async status(id: string): Promise<QueryStatus> {
    return (await this.open()).status(id);
  }

  async wait(id: string): Promise<QueryStatus> {
    return (await this.open()).wait(id);
  }

  async results(id: string, token?: string, pageSize?: number): Promise<ResultPage> {
    return (await this.open()).results(id, token, pageSize);
  }

  async cancel(id: string): Promise<void> {
    return (await this.open()).cancel(id);
  }

  async close(): Promise<void> {
    if (this.opened) await (await this.opened).close();
  }
}
