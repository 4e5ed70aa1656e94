// A small lexer for the glue around the Trino → DuckDB translation: words outside strings,
// quoted identifiers and comments, everything else kept verbatim, so renames and checks never
// touch a string literal, a quoted name or a comment.

export interface Token {
  kind: 'word' | 'other';
  text: string;
}

/** Words outside strings, quoted identifiers and comments; everything else kept verbatim. */
export function tokens(sql: string): Token[] {
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

/** The next token after `index` that is not white space (undefined at the end). */
export function nextSolid(list: Token[], index: number): Token | undefined {
  for (let k = index + 1; k < list.length; k++) {
    if (!/^\s+$/.test(list[k].text)) return list[k];
  }
  return undefined;
}

/** True when the word at `index` is followed by `(`: a function call (or a keyword before a parenthesis). */
export function isCall(list: Token[], index: number): boolean {
  return nextSolid(list, index)?.text === '(';
}
