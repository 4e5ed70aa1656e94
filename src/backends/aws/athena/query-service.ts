// The aws QueryService: Athena in the stack's workgroup and Glue database, through the same
// start / describe / page / stop steps as the query Lambda (run.ts). Completion comes from the
// Glue catalog (GetTables, every page), read once and kept.
import type { GlueClient } from '@aws-sdk/client-glue';
import { GetTablesCommand } from '@aws-sdk/client-glue';
import type { CatalogTable, Cell, QueryService, QueryState, QueryStatus, ResultPage } from '../../../core/query.js';
import { isHeaderRow } from './results.js';
import { describeQuery, failureReason, resultPage, startQuery, stopQuery, type AthenaSend } from './run.js';

export type GlueSend = Pick<GlueClient, 'send'>;

export interface AthenaQuerySettings {
  workGroup: string;
  database: string;
}

const STATES: Record<string, QueryState> = {
  QUEUED: 'QUEUED',
  RUNNING: 'RUNNING',
  SUCCEEDED: 'SUCCEEDED',
  FAILED: 'FAILED',
  CANCELLED: 'CANCELLED',
};

/** Athena's reason when the workgroup's BytesScannedCutoffPerQuery stops a query. */
export function isCutoffReason(reason: string): boolean {
  return /bytes scanned limit|BytesScannedCutoff/i.test(reason);
}

export class AthenaQueryService implements QueryService {
  readonly engine = 'athena' as const;
  private catalog?: Promise<CatalogTable[]>;

  constructor(
    private readonly athena: AthenaSend,
    private readonly glue: GlueSend,
    private readonly settings: AthenaQuerySettings,
  ) {}

  tables(): Promise<CatalogTable[]> {
    this.catalog ??= this.readCatalog().catch((error: unknown) => {
      this.catalog = undefined; // a failed read is retried next time, not kept
      throw error;
    });
    return this.catalog;
  }

  start(sql: string): Promise<string> {
    return startQuery(this.athena, sql, [], this.settings);
  }

  async status(id: string): Promise<QueryStatus> {
    const execution = await describeQuery(this.athena, id);
    const raw = execution.Status?.State ?? 'QUEUED';
    const state = STATES[raw] ?? 'RUNNING';
    const status: QueryStatus = {
      id,
      state,
      bytesScanned: execution.Statistics?.DataScannedInBytes,
      engineMs: execution.Statistics?.EngineExecutionTimeInMillis,
    };
    if (state === 'FAILED' || state === 'CANCELLED') {
      const reason = failureReason(execution, state);
      status.stoppedByCutoff = isCutoffReason(reason);
      status.error = status.stoppedByCutoff
        ? `stopped by the workgroup ${this.settings.workGroup}'s data-scanned cutoff: ${reason}`
        : reason;
    }
    return status;
  }

  async results(id: string, token?: string, pageSize?: number): Promise<ResultPage> {
    // The header row takes one place on the first page: ask for one more so pages stay even.
    const first = token === undefined;
    const page = await resultPage(this.athena, id, token, pageSize === undefined ? undefined : pageSize + (first ? 1 : 0));
    const columns = page.columnInfo.map((c) => ({ name: c.Name ?? c.Label ?? '', type: c.Type ?? 'varchar' }));
    const rows = first && page.rows.length && isHeaderRow(page.rows[0], columns) ? page.rows.slice(1) : page.rows;
    return {
      columns,
      rows: rows.map((row) => columns.map((_, i): Cell => row.Data?.[i]?.VarCharValue ?? null)),
      nextToken: page.nextToken,
    };
  }

  cancel(id: string): Promise<void> {
    return stopQuery(this.athena, id);
  }

  private async readCatalog(): Promise<CatalogTable[]> {
    const tables: CatalogTable[] = [];
    let token: string | undefined;
    do {
      const page = await this.glue.send(new GetTablesCommand({ DatabaseName: this.settings.database, NextToken: token }));
      for (const table of page.TableList ?? []) {
        const partitions = table.PartitionKeys ?? [];
        const columns = [...(table.StorageDescriptor?.Columns ?? []), ...partitions].map((c) => ({
          name: c.Name ?? '',
          type: c.Type ?? '',
        }));
        tables.push({ name: table.Name ?? '', columns, partitionKeys: partitions.map((p) => p.Name ?? '') });
      }
      token = page.NextToken;
    } while (token);
    return tables.sort((a, b) => a.name.localeCompare(b.name));
  }
}
