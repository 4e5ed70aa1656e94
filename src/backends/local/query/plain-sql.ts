// Whether a Trino statement needs the translator before DuckDB runs it. Most statements people
// type (SELECT … FROM … WHERE … GROUP BY with count, sum, round…) read the same in both engines;
// the translator (@polyglot-sql/sdk, WebAssembly, about 150 MB resident once loaded) is only
// worth loading for the others. The check is an allow-list, so it errs towards translating:
// every function called must be one both engines define alike, and nothing Trino-only (arrays,
// intervals, lambdas, UNNEST, time zones…) or DuckDB-only (`::`, `[…]`) may appear.
import { isCall, nextSolid, tokens } from './sql-tokens.js';

/** Functions Trino and DuckDB spell alike, take alike and answer alike (NULLs included). */
const COMMON_FUNCTIONS = new Set([
  'count',
  'sum',
  'avg',
  'min',
  'max',
  'stddev',
  'stddev_samp',
  'stddev_pop',
  'variance',
  'var_samp',
  'var_pop',
  'corr',
  'round',
  'abs',
  'floor',
  'ceil',
  'ceiling',
  'sqrt',
  'power',
  'ln',
  'exp',
  'sign',
  'lower',
  'upper',
  'length',
  'substr',
  'substring',
  'trim',
  'ltrim',
  'rtrim',
  'replace',
  'strpos',
  'reverse',
  'coalesce',
  'nullif',
  'row_number',
  'rank',
  'dense_rank',
  'lag',
  'lead',
  'first_value',
  'last_value',
  'ntile',
  // Type names with a length or precision inside CAST(… AS decimal(10, 2)).
  'decimal',
  'varchar',
  'char',
]);

/** Keywords a parenthesis may follow without being a function call. */
const KEYWORDS = new Set([
  'select',
  'from',
  'where',
  'group',
  'by',
  'having',
  'order',
  'limit',
  'offset',
  'as',
  'on',
  'using',
  'join',
  'left',
  'right',
  'inner',
  'outer',
  'full',
  'cross',
  'and',
  'or',
  'not',
  'in',
  'exists',
  'is',
  'null',
  'between',
  'like',
  'case',
  'when',
  'then',
  'else',
  'end',
  'cast',
  'distinct',
  'all',
  'union',
  'intersect',
  'except',
  'with',
  'over',
  'partition',
  'filter',
  'values',
  'asc',
  'desc',
  'nulls',
  'first',
  'last',
  'rows',
  'range',
  'preceding',
  'following',
  'unbounded',
  'current',
  'row',
  'true',
  'false',
]);

/** Words that open a form the engines read differently (or only one of them reads). */
const DIFFERING_WORDS = new Set([
  'interval',
  'unnest',
  'array',
  'map',
  'at',
  'zone',
  'try',
  'tablesample',
  'fetch',
  'lateral',
  'uescape',
  'current_date',
  'current_time',
  'current_timestamp',
  'localtime',
  'localtimestamp',
  'ignore',
  'respect',
  'grouping',
  'rollup',
  'cube',
  'sets',
  'window',
  'qualify',
  'pivot',
  'unpivot',
  'exclude',
  'describe',
  'show',
  'explain',
  'summarize',
  'pragma',
  'install',
  'load',
]);

/** Typed literals both engines read as the same CAST (DATE '2020-03-06'). */
const TYPED_LITERALS = new Set(['date', 'timestamp']);

/** Punctuation outside strings that only one engine reads, or reads differently (after `||`, `!=` and `<>` are set aside). */
const DIFFERING_MARKS = /[[\]{}`?$;&|^~!@#]|::|->|=>/;

export function needsTranslation(statement: string): boolean {
  const list = tokens(statement);
  let marks = '';
  for (let index = 0; index < list.length; index++) {
    const token = list[index];
    if (token.kind === 'other') {
      const first = token.text[0];
      if (first !== "'" && first !== '"' && !token.text.startsWith('--') && !token.text.startsWith('/*')) marks += token.text;
      else marks += ' ';
      continue;
    }
    marks += ' ';
    const word = token.text.toLowerCase();
    if (DIFFERING_WORDS.has(word)) return true;
    // `replace(s, a, b)` reads alike; DuckDB's `SELECT * REPLACE (…)` is not Trino.
    if (word === 'replace' && previousSolid(list, index) === '*') return true;
    const next = nextSolid(list, index);
    if (next && next.text.startsWith("'") && !TYPED_LITERALS.has(word) && !KEYWORDS.has(word)) return true; // X'00', U&'…', TIME '…'
    if (isCall(list, index) && !KEYWORDS.has(word) && !COMMON_FUNCTIONS.has(word)) return true;
  }
  return DIFFERING_MARKS.test(marks.replace(/\|\||!=|<>/g, ' '));
}

function previousSolid(list: ReturnType<typeof tokens>, index: number): string {
  for (let k = index - 1; k >= 0; k--) if (!/^\s+$/.test(list[k].text)) return list[k].text;
  return '';
}
