// Athena (Trino) SQL to DuckDB SQL for the local engine. The translation itself is
// @polyglot-sql/sdk's Trino → DuckDB transpiler; this file is the glue around it: Trino functions
// it leaves under a name DuckDB does not know are renamed to DuckDB's equivalent first, forms with
// no DuckDB equivalent are refused by name, and integer division is a session setting
// (`integer_division`, set by the query service) rather than a rewrite. A statement written in the
// SQL both engines read alike (plain-sql.ts) runs as written: the translator (a process of its
// own, translator-process.ts) starts only for a statement that needs it.
import { needsTranslation } from './plain-sql.js';
import { isCall, tokens } from './sql-tokens.js';
import { TranslatorProcess } from './translator-process.js';

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

let translator: TranslatorProcess | undefined;

/** Whether this process has started the translator (tests and the bench read it). */
export function translatorLoaded(): boolean {
  return translator !== undefined;
}

/** One Trino statement as DuckDB SQL; UntranslatableSql when it cannot be. */
export async function trinoToDuckDb(sql: string): Promise<string> {
  const statement = sql.trim().replace(/;\s*$/, '');
  return needsTranslation(statement) ? translateWithPolyglot(statement) : statement;
}

/** The translator's answer, whatever the statement (tests compare it with the plain path). */
export async function translateWithPolyglot(statement: string): Promise<string> {
  const renamed = renameTrinoFunctions(statement);
  translator ??= new TranslatorProcess();
  const result = await translator.translate(renamed);
  if (!result.success || !result.sql)
    throw new UntranslatableSql(`the local engine cannot translate this Trino SQL: ${result.error ?? 'no statement'}`);
  const statements = result.sql.filter((s) => s.trim() !== '');
  if (statements.length !== 1) throw new UntranslatableSql(`one statement at a time, please (got ${statements.length})`);
  return statements[0];
}
