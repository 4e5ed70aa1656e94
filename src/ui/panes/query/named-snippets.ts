// The query API's named queries as ready snippets for the editor: each one's SQL with example
// values bound in place of its `?` placeholders (department 11, Bogotá; the default date range),
// through the route's own validation, so the snippet runs as the API would run it.
import { QUERIES } from '../../../core/named-queries.js';

export interface Snippet {
  name: string;
  summary: string;
  sql: string;
}

const EXAMPLE_PATH = { code: '11' };

export function namedSnippets(today: string): Snippet[] {
  return QUERIES.map((named) => {
    const { parameters } = named.bind({ path: EXAMPLE_PATH, query: {}, today });
    const parts = named.sql.split('?');
    const sql = parts.reduce((out, part, i) => out + (parameters[i - 1] ?? '?') + part);
    return { name: named.name, summary: named.summary, sql: `${sql};` };
  });
}
