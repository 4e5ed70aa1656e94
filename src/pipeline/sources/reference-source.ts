// divipola and departments: full extracts of the reference tables from the relational source.
// The query and the table's watermark are recorded with each extract; unchanged tables give
// identical bytes, so the duplicate check skips them.
import { Readable } from 'node:stream';
import type { SourceAdapter } from './source.js';
import type { ReferenceDatabase } from '../reference/database.js';
import { extractReference } from '../reference/extract.js';
import { REFERENCE_TABLES, type ReferenceSource } from '../reference/tables.js';
import { withRetry } from '../retry.js';

const DESCRIPTIONS: Record<ReferenceSource, string> = {
  divipola: 'DIVIPOLA municipalities with coordinates (relational extract)',
  departments: 'Population per department (relational extract)',
};

export function referenceSource(name: ReferenceSource, database: ReferenceDatabase): SourceAdapter {
  return {
    info: { name, origin: `${REFERENCE_TABLES[name].table} (${database.describe()})`, description: DESCRIPTIONS[name] },
    rows: 'csv',
    contentType: 'text/csv; charset=utf-8',
    incremental: false,
    async open(context) {
      const extract = await withRetry(
        context.retry,
        context.signal,
        () => database.use((client) => extractReference(client, name)),
        context.onRetry,
      );
      return {
        kind: 'content',
        origin: `${database.describe()}: ${extract.query}`,
        body: Readable.from([extract.csv]),
        totalBytes: extract.csv.length,
        watermark: () => extract.watermark,
      };
    },
  };
}
