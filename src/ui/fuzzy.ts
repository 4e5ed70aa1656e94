// Matching for the command palette (fuzzy, ranked) and the `/` filter (substring). Both ignore
// case and accents, so "codigo" finds "Código".

export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** A predicate: every word of the filter occurs in the text. An empty filter matches everything. */
export function filterPredicate(filter: string): (text: string) => boolean {
  const words = fold(filter).split(/\s+/).filter(Boolean);
  if (words.length === 0) return () => true;
  // Listings hold up to 100 000 names: skip Unicode folding for plain ASCII ones.
  const ascii = /^[\x00-\x7f]*$/;
  return (text) => {
    const haystack = ascii.test(text) ? text.toLowerCase() : fold(text);
    return words.every((word) => haystack.includes(word));
  };
}

/**
 * Scores `text` against `query` as an in-order subsequence; undefined when it does not match.
 * Higher is better: consecutive letters and letters at word starts count more, gaps cost.
 */
export function fuzzyScore(query: string, text: string): number | undefined {
  const q = fold(query).replace(/\s+/g, '');
  if (q === '') return 0;
  const t = fold(text);
  let score = 0;
  let ti = 0;
  let previous = -2;
  for (const char of q) {
    const found = t.indexOf(char, ti);
    if (found < 0) return undefined;
    const atWordStart = found === 0 || /[\s\-_/:.=]/.test(t[found - 1]);
    score += 1;
    if (found === previous + 1) score += 3;
    if (atWordStart) score += 2;
    score -= Math.min(3, found - ti) * 0.1;
    previous = found;
    ti = found + 1;
  }
  return score - t.length * 0.01;
}

const WORD_BREAK = /[\s\-_/:.=(),;]+/;

/**
 * How well the words typed match whole words of `text`: every typed word that is a word of the
 * text counts 2, one that starts a word counts 1. "go to the top" matches "Go to the top" (8)
 * before "Go to the Ingestion pane" (6), which a letter-by-letter score cannot tell apart.
 */
export function wordScore(query: string, text: string): number {
  const typed = fold(query).split(WORD_BREAK).filter(Boolean);
  const words = fold(text).split(WORD_BREAK).filter(Boolean);
  let score = 0;
  for (const word of typed) {
    if (words.includes(word)) score += 2;
    else if (words.some((w) => w.startsWith(word))) score += 1;
  }
  return score;
}

/**
 * Items matching `query`, best first: whole-word and word-prefix matches of the words typed rank
 * first, then the fuzzy score; ties keep their original order.
 */
export function fuzzyRank<T>(items: readonly T[], query: string, text: (item: T) => string): T[] {
  const scored: { item: T; words: number; score: number; index: number }[] = [];
  items.forEach((item, index) => {
    const score = fuzzyScore(query, text(item));
    if (score !== undefined) scored.push({ item, words: wordScore(query, text(item)), score, index });
  });
  scored.sort((a, b) => b.words - a.words || b.score - a.score || a.index - b.index);
  return scored.map((entry) => entry.item);
}
