// Athena (Trino) SQL to DuckDB SQL for the local engine. The translation itself is
// @polyglot-sql/sdk's Trino → DuckDB transpiler; this file is the glue around it: Trino functions
// it leaves under a name DuckDB does not know are renamed to DuckDB's equivalent first, forms with
// no DuckDB equivalent are refused by name, and integer division is a session setting
// (`integer_division`, set by the query service) rather than a rewrite.

/** A Trino form the local engine cannot answer; the message names it. */
export class UntranslatableSql extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UntranslatableSql';
  }
}

/** Trino functions whose DuckDB equivalent has another name and the same arguments. */
const RENAMED: Record<string, string> = {
  approx_percentile: 'approx_quantile',
  array_join: 'array_to_string',
  element_at: 'list_extract',
};

/** Trino functions with no DuckDB equivalent (Java date patterns, bucketing). */
const UNSUPPORTED: Record<string, string> = {
  format_datetime: 'it takes a Java (Joda) date pattern; use date_format with a MySQL-style pattern (%Y-%m-%d), which both engines answer',
  parse_datetime: 'it takes a Java (Joda) date pattern; use date_parse with a MySQL-style pattern (%Y-%m-%d), which both engines answer',
  width_bucket: 'DuckDB has no width_bucket; compute the bucket with floor((x - low) / width)',
};

interface Token {
  kind: 'word' | 'other';
  text: string;
}

/** Words outside strings, quoted identifiers and comments; everything else kept verbatim. */
function tokens(sql: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const push = (kind: Token['kind'], end: number) => {
    out.push({ kind, text: sql.slice(i, end) });
    i = end;
  };
  while (i < sql.length) {
    const c = sql[i];
    if (c === "'" || c === '"') {
      let j = i + 1;
      while (j < sql.length && !(sql[j] === c && sql[j + 1] !== c)) j += sql[j] === c ? 2 : 1;
      push('other', Math.min(j + 1, sql.length));
    } else if (sql.startsWith('--', i)) {
      const end = sql.indexOf('\n', i);
      push('other', end === -1 ? sql.length : end);
    } else if (sql.startsWith('/*', i)) {
      const end = sql.indexOf('*/', i + 2);
      push('other', end === -1 ? sql.length : end + 2);
    } else if (/[A-Za-z_]/.test(c)) {
      let j = i + 1;
      while (j < sql.length && /\w/.test(sql[j])) j++;
      push('word', j);
    } else {
      push('other', i + 1);
    }
  }
  return out;
}

function isCall(list: Token[], index: number): boolean {
  for (let k = index + 1; k < list.length; k++) {
    const text = list[k].text;
    if (/^\s+$/.test(text)) continue;
    return text === '(';
  }
  return false;
}

/** Renames and refusals on function calls only (a column named `element_at` stays). */
export function renameTrinoFunctions(sql: string): string {
  const list = tokens(sql);
  return list
    .map((token, index) => {
      if (token.kind !== 'word' || !isCall(list, index)) return token.text;
      const name = token.text.toLowerCase();
      const why = UNSUPPORTED[name];
      if (why) throw new UntranslatableSql(`${name}() cannot run on the local engine: ${why}`);
      return RENAMED[name] ?? token.text;
    })
    .join('');
}

type Transpile = typeof import('@polyglot-sql/sdk').transpile;
let transpiler: Promise<{ transpile: Transpile; trino: string; duckdb: string }> | undefined;

/** The WebAssembly transpiler loads once, on the first query (it is large). */
function loadTranspiler() {
  transpiler ??= import('@polyglot-sql/sdk').then((sdk) => ({ transpile: sdk.transpile, trino: sdk.Dialect.Trino, duckdb: sdk.Dialect.DuckDB }));
  return transpiler;
}

/** One Trino statement as DuckDB SQL; UntranslatableSql when it cannot be. */
export async function trinoToDuckDb(sql: string): Promise<string> {
  const renamed = renameTrinoFunctions(sql.trim().replace(/;\s*$/, ''));
  const { transpile, trino, duckdb } = await loadTranspiler();
  const result = transpile(renamed, trino as never, duckdb as never, { unsupportedLevel: 'raise' });
  if (!result.success || !result.sql) throw new UntranslatableSql(`the local engine cannot translate this Trino SQL: ${result.error ?? 'no statement'}`);
  const statements = result.sql.filter((s) => s.trim() !== '');
  if (statements.length !== 1) throw new UntranslatableSql(`one statement at a time, please (got ${statements.length})`);
  return statements[0];
}
